<#
.SYNOPSIS
    Azure Automation runbook: reads every article of a Drupal site through JSON:API and writes them as output.
.DESCRIPTION
    Connects as a Simple OAuth consumer whose client id and secret are a credential asset of the Automation account
    (user name = client id, password = secret) and whose site is a variable asset (the site's base URI), then reads
    every article, page after page, and writes one object per article.

    Set-up in the Automation account:
      - Modules: import out/packages/DrupalOAuth.zip (built by ./build.ps1 -Task Package), for the runtime
        version the runbook uses (PowerShell 7.2 or later, or 5.1).
      - Credentials: an asset (default name DrupalConsumer) with the consumer's client id and secret. Bind the
        consumer to a low-privilege Drupal user that may only read content, never to an administrator.
      - Variables: a string asset (default name DrupalSiteUri), such as https://www.example.com.

    Nothing prompts. Any failure (a missing asset, a refused secret, a site that does not answer, an error while
    paging) stops the runbook with one error that says what it was doing and names the ErrorId, such as
    "Runbook-Articles failed connecting to https://www.example.com as 'backend' (InvalidClient): ...", so the
    job ends Failed instead of Completed with partial output. Progress lines go to the verbose stream; turn on
    "Log verbose records" to keep them.

    Several jobs may run at once in one sandbox process, each in a runspace of its own: a job's connection belongs
    to its runspace, so jobs against different sites or as different consumers never use each other's connection
    (tests/pester/Examples.Tests.ps1 runs two such jobs side by side in one process to check it).
.PARAMETER CredentialName
    The name of the credential asset that holds the consumer's client id (user name) and secret (password).
.PARAMETER SiteUriVariableName
    The name of the variable asset that holds the site's base URI.
.OUTPUTS
    One object per article: id, nid, title, status, created, changed.
.EXAMPLE
    Start-AzAutomationRunbook -ResourceGroupName ops -AutomationAccountName drupal-jobs -Name Runbook-Articles -Parameters @{ CredentialName = 'DrupalReader' }

    Starts the runbook with another credential asset; the job's output holds the articles.
.EXAMPLE
    Get-AzAutomationJobOutput -ResourceGroupName ops -AutomationAccountName drupal-jobs -Id $job.JobId -Stream Error

    Shows why a failed job stopped: the step, the ErrorId and DrupalOAuth's message.
#>
[CmdletBinding()]
param(
    [string] $CredentialName = 'DrupalConsumer',
    [string] $SiteUriVariableName = 'DrupalSiteUri'
)

$ErrorActionPreference = 'Stop'
$step = "reading the assets '$CredentialName' and '$SiteUriVariableName'"
try {
    $credential = Get-AutomationPSCredential -Name $CredentialName
    if (-not $credential) {
        throw [System.Management.Automation.ErrorRecord]::new(
            [System.Management.Automation.ItemNotFoundException]::new("The Automation account has no credential asset '$CredentialName'."),
            'CredentialAssetNotFound', 'ObjectNotFound', $CredentialName)
    }
    $siteUri = Get-AutomationVariable -Name $SiteUriVariableName
    if (-not $siteUri) {
        throw [System.Management.Automation.ErrorRecord]::new(
            [System.Management.Automation.ItemNotFoundException]::new("The variable asset '$SiteUriVariableName' is missing or empty; set it to the site's base URI."),
            'SiteUriAssetNotFound', 'ObjectNotFound', $SiteUriVariableName)
    }

    # Azure Automation loads the account's modules on first use; loading it here makes a missing module a clear step.
    $step = 'loading the DrupalOAuth module (import DrupalOAuth.zip into the Automation account)'
    if (-not (Get-Module -Name DrupalOAuth)) { Import-Module -Name DrupalOAuth -Verbose:$false }

    $step = "connecting to $siteUri as '$($credential.UserName)'"
    $connection = Connect-DrupalApi -Uri $siteUri -Credential $credential -PassThru
    Write-Verbose "Connected to $($connection.SiteUri) as '$($connection.ClientId)'."

    $step = "reading the articles from $siteUri"
    $count = 0
    Get-DrupalEntity node article -All | ForEach-Object {
        $count++
        [pscustomobject]@{
            id      = $_.id
            nid     = $_.drupal_internal__nid
            title   = $_.title
            status  = $_.status
            created = $_.created
            changed = $_.changed
        }
    }
    Write-Verbose "Read $count articles from $siteUri."
}
catch {
    # One error that says what failed, with DrupalOAuth's ErrorId and message, ends the job as Failed.
    $errorId = ($_.FullyQualifiedErrorId -split ',')[0]
    throw [System.Management.Automation.ErrorRecord]::new(
        [System.InvalidOperationException]::new("Runbook-Articles failed $step ($errorId): $($_.Exception.Message)", $_.Exception),
        $errorId, $_.CategoryInfo.Category, $_.TargetObject)
}
