"""The map as the app shows it: plain node and edge data first, then HTML (pyvis, the debate
view, the Streamlit graph component)."""
