# Read by the flask command (python-dotenv): lets you type "flask run" instead of "flask --app sales_insights run".
FLASK_APP=sales_insights
