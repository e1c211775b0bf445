<#
.SYNOPSIS
    Connects to a Drupal site with the consumer's secret taken from a SecretManagement vault.
.DESCRIPTION
    Reads the Simple OAuth consumer's secret with Get-Secret (Microsoft.PowerShell.SecretManagement), so the
    secret is never in a script, a command line or an environment variable, connects, and writes the connection.
    The secret is either a SecureString (give -ClientId) or a PSCredential whose user name is the client id.
    Run it in the session or job that then calls Drupal: the connection becomes its current one.

    When SecretManagement is not installed it stops with an error that says how to install it, register a vault
    and store the secret. For unattended jobs, a SecretStore vault must not ask for its password: configure it
    once as the job's user with Set-SecretStoreConfiguration -Authentication None -Interaction None (the vault
    is then protected by that account's file permissions), or unlock it in the job with Unlock-SecretStore.

    Every failure (no SecretManagement, no such secret, a refused secret) is one terminating error that names the
    step and the ErrorId, such as "Connecting to https://www.example.com as 'backend' failed (InvalidClient): ...";
    run with pwsh -NonInteractive -File, the exit code is then 1.
.PARAMETER Uri
    The site's base URI, such as https://www.example.com.
.PARAMETER ClientId
    The consumer's client id, when the secret is a SecureString. A PSCredential secret carries its own.
.PARAMETER SecretName
    The name of the secret in the vault (default DrupalClientSecret).
.PARAMETER Vault
    The vault to read from (default: SecretManagement's default vault).
.OUTPUTS
    The connection, as Connect-DrupalApi -PassThru writes it.
.EXAMPLE
    Install-PSResource -Name Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore -Scope CurrentUser
    Register-SecretVault -Name DrupalVault -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault
    Set-Secret -Name DrupalClientSecret -Secret (Get-Credential -UserName backend -Message 'Drupal consumer secret')

    Once, as the user the job runs as: installs SecretManagement and SecretStore, and stores the client id and
    secret as a PSCredential.
.EXAMPLE
    $connection = ./SecretManagement-Connect.ps1 -Uri https://www.example.com
    Get-DrupalEntity node article -All -Connection $connection | Export-Csv articles.csv -NoTypeInformation

    Connects with the stored PSCredential and reads every article.
.EXAMPLE
    ./SecretManagement-Connect.ps1 -Uri https://www.example.com -ClientId backend -SecretName DrupalBackendSecret -Vault DrupalVault

    Takes a SecureString secret from a named vault and the client id from the command line.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $Uri,

    [string] $ClientId,

    [string] $SecretName = 'DrupalClientSecret',

    [string] $Vault
)

$ErrorActionPreference = 'Stop'

function New-ExampleError([string] $Message, [string] $ErrorId, [System.Management.Automation.ErrorCategory] $Category, $Target, [Exception] $Inner) {
    [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new($Message, $Inner), $ErrorId, $Category, $Target)
}

if (-not (Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretManagement)) {
    $install = 'Install-PSResource -Name Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore -Scope CurrentUser; ' +
        'Register-SecretVault -Name DrupalVault -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault; ' +
        "Set-Secret -Name $SecretName -Secret (Get-Credential -UserName <client id> -Message 'Drupal consumer secret')"
    throw (New-ExampleError -ErrorId 'SecretManagementNotInstalled' -Category NotInstalled -Target 'Microsoft.PowerShell.SecretManagement' -Message (
            'SecretManagement is not installed, so the client secret cannot be read from a vault. As the user the job runs as, ' +
            "install it with a vault and store the secret once, then run this script again: $install " +
            '(with PowerShellGet 2, Install-Module in place of Install-PSResource).'))
}

$getSecret = @{ Name = $SecretName }
if ($Vault) { $getSecret.Vault = $Vault }
try {
    $secret = Microsoft.PowerShell.SecretManagement\Get-Secret @getSecret
}
catch {
    $errorId = ($_.FullyQualifiedErrorId -split ',')[0]
    throw (New-ExampleError "Reading the secret '$SecretName' from SecretManagement failed ($errorId): $($_.Exception.Message)" $errorId ReadError $SecretName $_.Exception)
}

if ($secret -is [pscredential]) {
    $credential = $secret
}
elseif ($secret -is [securestring]) {
    if (-not $ClientId) {
        throw (New-ExampleError "The secret '$SecretName' is a SecureString: give the consumer's client id with -ClientId, or store a PSCredential whose user name is the client id." 'ClientIdMissing' InvalidArgument $SecretName)
    }
    $credential = [pscredential]::new($ClientId, $secret)
}
else {
    $kind = if ($null -eq $secret) { 'empty' } else { "a $($secret.GetType().Name)" }
    throw (New-ExampleError "The secret '$SecretName' is $kind; store the client secret as a SecureString or a PSCredential." 'UnsupportedSecretType' InvalidType $SecretName)
}

try {
    Connect-DrupalApi -Uri $Uri -Credential $credential -PassThru
}
catch {
    $errorId = ($_.FullyQualifiedErrorId -split ',')[0]
    throw (New-ExampleError "Connecting to $Uri as '$($credential.UserName)' failed ($errorId): $($_.Exception.Message)" $errorId $_.CategoryInfo.Category $Uri $_.Exception)
}
