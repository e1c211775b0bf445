<#
.SYNOPSIS
    A scheduled task or cron job: exports every article of a Drupal site to a CSV file.
.DESCRIPTION
    Reads the site and the Simple OAuth consumer from environment variables, so that neither the secret nor the
    site is written into the script or its command line:
      DRUPAL_URI            the site's base URI, such as https://www.example.com
      DRUPAL_CLIENT_ID      the consumer's client id
      DRUPAL_CLIENT_SECRET  the consumer's secret
    then reads every article through JSON:API, page after page, and writes them to -Path. The file is written
    aside and moved into place at the end, so a failed run leaves the previous export as it was, never half a file.

    Exit codes, for the scheduler: 0 when the export was written; 1 when it failed (the reason, with DrupalOAuth's
    ErrorId, such as "Scheduled-Export failed connecting to https://www.example.com as 'backend' (InvalidClient):
    ...", goes to standard error); 2 when an environment variable is missing. Nothing ever prompts: run it with
    pwsh -NoProfile -NonInteractive -File.

    Keep the secret where only the job's account can read it: the task's own environment, a systemd unit's
    EnvironmentFile with mode 600, or a secret store (see SecretManagement-Connect.ps1). Bind the consumer to a
    Drupal user that may only read content, never to an administrator.
.PARAMETER Path
    The CSV file to write (default: articles.csv in the current folder). Its folder must exist.
.EXAMPLE
    DRUPAL_URI=https://www.example.com DRUPAL_CLIENT_ID=backend DRUPAL_CLIENT_SECRET=... pwsh -NoProfile -NonInteractive -File ./Scheduled-Export.ps1 -Path /var/exports/articles.csv

    Runs it once from a shell, as cron or a systemd timer would.
.EXAMPLE
    # crontab: every day at 06:00, the variables (NAME=value lines) from a file only the job's user can read
    0 6 * * * set -a && . /etc/drupal-export.env && pwsh -NoProfile -NonInteractive -File /opt/jobs/Scheduled-Export.ps1 -Path /var/exports/articles.csv >> /var/log/drupal-export.log 2>&1

    Cron mails or logs standard error, and the exit code tells the job's result.
.EXAMPLE
    $action = New-ScheduledTaskAction -Execute 'pwsh.exe' -Argument '-NoProfile -NonInteractive -File C:\Jobs\Scheduled-Export.ps1 -Path C:\Exports\articles.csv'
    Register-ScheduledTask -TaskName 'Drupal export' -Action $action -Trigger (New-ScheduledTaskTrigger -Daily -At 6am) -User 'svc-drupal' -Password $password

    Windows Task Scheduler; set DRUPAL_URI, DRUPAL_CLIENT_ID and DRUPAL_CLIENT_SECRET as user environment variables of
    the task's account (svc-drupal). The task's "Last Run Result" is the exit code.
#>
[CmdletBinding()]
param(
    [string] $Path = 'articles.csv'
)

$ErrorActionPreference = 'Stop'

$missing = @('DRUPAL_URI', 'DRUPAL_CLIENT_ID', 'DRUPAL_CLIENT_SECRET') |
    Where-Object { -not [Environment]::GetEnvironmentVariable($_) }
if ($missing) {
    [Console]::Error.WriteLine("Scheduled-Export cannot start: set the environment variable(s) $($missing -join ', ') (DRUPAL_URI is the site's base URI, DRUPAL_CLIENT_ID and DRUPAL_CLIENT_SECRET the Simple OAuth consumer's).")
    exit 2
}

$target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
$partial = "$target.partial"
$step = "connecting to $env:DRUPAL_URI as '$env:DRUPAL_CLIENT_ID'"
try {
    Import-Module DrupalOAuth
    # With no parameters, Connect-DrupalApi reads DRUPAL_URI, DRUPAL_CLIENT_ID and DRUPAL_CLIENT_SECRET.
    Connect-DrupalApi

    $step = "exporting the articles of $env:DRUPAL_URI to $target"
    $count = 0
    # Flat columns only: a list (the tags) joined, so that Export-Csv never writes System.Object[].
    Get-DrupalEntity node article -All | ForEach-Object {
        $count++
        [pscustomobject]@{
            id      = $_.id
            nid     = $_.drupal_internal__nid
            title   = $_.title
            status  = $_.status
            created = $_.created
            changed = $_.changed
            tags    = @($_.field_tags) -join ' '
        }
    } | Export-Csv -LiteralPath $partial -NoTypeInformation -Encoding utf8
    if ($count -eq 0) { Set-Content -LiteralPath $partial -Value '"id","nid","title","status","created","changed","tags"' }
    Move-Item -LiteralPath $partial -Destination $target -Force
    Write-Output "Exported $count articles to $target."
    exit 0
}
catch {
    Remove-Item -LiteralPath $partial -Force -ErrorAction SilentlyContinue
    $errorId = ($_.FullyQualifiedErrorId -split ',')[0]
    [Console]::Error.WriteLine("Scheduled-Export failed $step ($errorId): $($_.Exception.Message)")
    exit 1
}
