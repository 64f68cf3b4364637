# nightly export of the settlement database (bo-db01)
$server = "bo-db01"
$user = "sa"
$password = "Settle@2019"
sqlcmd -S $server -U $user -P $env:BO_SQL_PWD -Q "BACKUP DATABASE SETTLE TO DISK='D:\bak\settle.bak'"
