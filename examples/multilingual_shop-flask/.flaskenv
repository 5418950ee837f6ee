# Read by the flask command (python-dotenv): lets you type "flask run" instead of "flask --app maison_market run".
FLASK_APP=maison_market
