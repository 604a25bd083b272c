"""Identity resolution: names in every script, their keys, and the comparison of two persons.

Pure Python, no Django: the people app stores what ``keys.person_keys`` returns and ranks
candidates with ``scorer.compare_persons``.

* ``scripts``: script detection (Latin, Arabic, Cyrillic, Ge'ez) and language hints.
* ``translit``: the Ukrainian 2010 passport system, ICAO Doc 9303 (MRZ), German transcription
  of Cyrillic, and ICU transforms with fallbacks. ``bgn``: BGN/PCGN systems.
* ``normalize``, ``phonetic``, ``structure``: folding, phonetic keys and consonant skeletons,
  particles (al-, bin, abd + name, von) and name parts.
* ``analysis``: per name part all Latin renderings and keys; comparison of parts.
* ``dates``, ``scorer``: dates of birth and the match probability with its explanation.
* ``keys``: index keys for candidate lookup.
"""
