//! Collection from AWS (stub).
