"""Navigation in the cockpit: destinations by name, alias or category, route requests to the car."""
