# Read by the flask command (python-dotenv): lets you type "flask run" instead of "flask --app warehouse_portal run".
FLASK_APP=warehouse_portal
