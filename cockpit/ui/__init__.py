"""The desktop dashboard: a pygame window showing what the cockpit knows, with controls that act like voice.

Nothing here runs at import time; `cockpit.ui.app.DashboardApp` is built and run by `runner.app_command`.
"""
