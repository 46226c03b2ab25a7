# Every dependency comes from the system (Debian packages installed by scripts/bootstrap.sh);
# nothing is downloaded at configure, build or run time.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)           # Boost.Multiprecision (header-only)
find_package(date 3 REQUIRED CONFIG)        # Howard Hinnant's date + tz on the OS tz database
find_package(nlohmann_json 3.10 REQUIRED)   # JSON documents at the C ABI and in configs
find_package(SQLiteCpp 3 REQUIRED CONFIG)   # the store (src/store only)
