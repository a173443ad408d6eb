"""Writes itos_p2.pkl and itos_p4.pkl: a token list pickled as fastai's itos_wt103.pkl is.

Run with /usr/bin/python3: python3 make_itos_pickles.py
"""
import pickle

itos = ["xxunk", "xxpad", "the", "café", "xxunk", "the", "a" * 300]
for proto in (2, 4):
    with open(f"itos_p{proto}.pkl", "wb") as f:
        pickle.dump(itos, f, protocol=proto)
