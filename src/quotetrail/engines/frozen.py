"""Importing this module moves every object alive in the importing process out of the garbage
collector's reach (`gc.freeze`).

The local engine's forkserver imports it last, after the stage code and the spaCy model: workers
forked from it then never write to those objects' headers during a collection, so the pages
holding them stay shared copy-on-write instead of being copied into every worker.
"""
import gc

gc.collect()
gc.freeze()
