"""The Textual app. It renders engine state and sends choice ids back; no game rules here."""
