"""Many agencies, one platform: each agency built on its own, then their outputs merged."""
