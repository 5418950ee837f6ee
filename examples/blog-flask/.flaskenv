# Read by the flask command (python-dotenv): lets you type "flask run" instead of "flask --app field_notes run".
FLASK_APP=field_notes
