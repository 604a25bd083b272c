"""Job matching benchmark: speed and quality of the matcher beside plain baselines."""
