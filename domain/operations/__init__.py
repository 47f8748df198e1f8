"""The installation's health across areas: what waits (status) and what is missing
from the setup (doctor). Reads only.
"""
