"""The checkout screen: view-model, customer and redemption panels, QR dialog."""
