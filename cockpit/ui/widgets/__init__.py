"""Drawing pieces of the dashboard: panels, text, bars, the map, the text box."""
