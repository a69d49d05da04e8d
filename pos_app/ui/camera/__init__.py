"""The camera preview panel and the camera picker."""
