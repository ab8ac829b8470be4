print("coming")
