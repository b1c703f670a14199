print("motcua")
