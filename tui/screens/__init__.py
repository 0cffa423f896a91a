"""The screens by role: instructor/, driver/, staff/; dialogs/ shared; home and the scan screen here."""
