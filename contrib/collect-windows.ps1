<#
.SYNOPSIS
  fincheck Windows collector: writes one server's security policy and update
  history, and optionally the Active Directory user export, into the
  evidence-bundle layout (spec/evidence-bundle.md).

.DESCRIPTION
  Read-only.  Writes:
    OUT\hosts\<computer>\secedit.inf    secedit /export /areas SECURITYPOLICY
                                         (UTF-16LE with BOM, as secedit writes it)
    OUT\hosts\<computer>\hotfixes.csv   Get-HotFix: installed updates and dates
    OUT\accounts\<name>.csv             with -ADExport: Get-ADUser with the
                                         properties the account checks read
  Password hashes are never read.  Run from an elevated PowerShell; the AD
  export needs the ActiveDirectory module (RSAT) and domain read rights.

.PARAMETER Out
  Bundle root to write into (default .\bundle).
.PARAMETER ADExport
  Also export the domain's users to accounts\<ADName>.csv.
.PARAMETER ADName
  File stem for the AD export: the system id or the DC's host name as the
  inventory names it (default: this computer's name).
.PARAMETER AppPath
  Application configuration files or folders to copy into
  hosts\<computer>\files\ (text files under 2 MB) for the plaintext-secret scan.

.EXAMPLE
  .\collect-windows.ps1 -Out D:\evidence -ADExport -ADName dc01
#>
[CmdletBinding()]
param(
    [string]$Out = ".\bundle",
    [switch]$ADExport,
    [string]$ADName = $env:COMPUTERNAME.ToLower(),
    [string[]]$AppPath = @()
)
$ErrorActionPreference = "Stop"
$hostName = $env:COMPUTERNAME.ToLower()
$hostDir = Join-Path $Out "hosts\$hostName"
$acctDir = Join-Path $Out "accounts"
New-Item -ItemType Directory -Force -Path $hostDir, $acctDir | Out-Null

# 1. Local security policy ([System Access], [Event Audit], [Privilege
#    Rights], [Registry Values]).  On a domain controller this is the domain
#    password and lockout policy.
$inf = Join-Path $hostDir "secedit.inf"
$log = Join-Path $env:TEMP "fincheck-secedit.log"
& secedit.exe /export /cfg $inf /areas SECURITYPOLICY /quiet /log $log
if ($LASTEXITCODE -ne 0) { Write-Warning "secedit /export failed ($LASTEXITCODE); see $log" }

# 2. Installed updates with their dates (patch age); ISO dates avoid
#    locale-dependent formats.
Get-HotFix | Select-Object Source, Description, HotFixID, InstalledBy,
    @{ n = 'InstalledOn'; e = { if ($_.InstalledOn) { $_.InstalledOn.ToString('yyyy-MM-dd') } } } |
    Export-Csv -Path (Join-Path $hostDir "hotfixes.csv") -NoTypeInformation -Encoding UTF8

# 3. Active Directory users: the columns accounts.c reads (MemberOf joined
#    with ';' so privileged groups are visible; FILETIME lastLogonTimestamp
#    kept as the integer AD stores).
if ($ADExport) {
    Import-Module ActiveDirectory
    $props = 'SamAccountName', 'DisplayName', 'Enabled', 'EmployeeID', 'LastLogonDate', 'lastLogonTimestamp',
        'PasswordLastSet', 'PasswordNeverExpires', 'whenCreated', 'AccountExpirationDate', 'AdminCount',
        'MemberOf', 'Description'
    Get-ADUser -Filter * -Properties $props |
        Select-Object SamAccountName, DisplayName, Enabled, EmployeeID, LastLogonDate, lastLogonTimestamp,
            PasswordLastSet, PasswordNeverExpires, whenCreated, AccountExpirationDate, AdminCount,
            @{ n = 'MemberOf'; e = { $_.MemberOf -join ';' } }, Description |
        Export-Csv -Path (Join-Path $acctDir "$ADName.csv") -NoTypeInformation -Encoding UTF8
}

# 4. Application configuration for the secret scan (text only).
foreach ($p in $AppPath) {
    Get-ChildItem -Path $p -Recurse -File -ErrorAction SilentlyContinue |
        Where-Object { $_.Length -lt 2MB } | ForEach-Object {
            $bytes = [System.IO.File]::ReadAllBytes($_.FullName)
            if ($bytes -contains 0 -and -not ($bytes.Length -ge 2 -and $bytes[0] -eq 0xFF -and $bytes[1] -eq 0xFE)) {
                Write-Warning "$($_.FullName): binary, not copied"; return
            }
            $rel = $_.FullName -replace '^[A-Za-z]:', '' -replace '\\', '/'
            $dest = Join-Path $hostDir ("files" + $rel)
            New-Item -ItemType Directory -Force -Path (Split-Path $dest) | Out-Null
            Copy-Item -LiteralPath $_.FullName -Destination $dest
        }
}
Write-Host "fincheck: wrote $hostDir$(if ($ADExport) { " and $acctDir\$ADName.csv" })"
