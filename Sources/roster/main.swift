import ArgumentParser
print("roster")
