# Read by the flask command (python-dotenv): lets you type "flask run" instead of "flask --app first_steps run".
FLASK_APP=first_steps
