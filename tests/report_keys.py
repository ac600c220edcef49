"""The pair report's --json keys, in order (README, "Output for scripts"): one list for every test."""

REPORT_KEYS = [
    "geodist_version",
    "model",
    "first",
    "second",
    "unit",
    "mainland",
    "part",
    "capital",
    "data",
    "boundaries",
    "distances",
    "flight",
    "notes",
]
REPORT_COUNTRY_KEYS = ["id", "name", "alpha2", "alpha3", "numeric", "capital", "seat", "matched_as"]
REPORT_ENTRY_KEYS = [
    "method",
    "label",
    "description",
    "distance_m",
    "distance",
    "start",
    "end",
    "start_label",
    "end_label",
    "azimuth1_deg",
    "azimuth2_deg",
    "shares_border",
    "start_part",
    "end_part",
    "source",
    "note",
    "error",
    "travel",
]
REPORT_TRAVEL_KEYS = ["total_s", "text", "mode", "assumptions"]
REPORT_FLIGHT_KEYS = ["from", "to", "distance_m", "total_s", "text", "model", "notes"]
