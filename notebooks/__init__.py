"""The report notebooks (commune_report, district_bulletin) and the explore notebook, installed with
ntmlib as ntmlib.notebooks so that `ntm reports` finds them without a checkout; `ntm notebooks
FOLDER` copies them to a folder of your choosing."""
