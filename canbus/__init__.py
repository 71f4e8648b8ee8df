"""The bus both ends share: the DBC, a fast codec compiled from it, E2E protection, bus interfaces.

`vehicle_sim` and `cockpit` never import each other; they meet here, as a real car's ECUs and its
head unit meet on a DBC file and a wire.
"""
