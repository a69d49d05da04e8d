"""The sale: service, journal, reconciliation and the QR Card Scan session."""
