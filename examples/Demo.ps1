<#
.SYNOPSIS
    The quick-start flow against the bundled Drupal test server: connect, get a token, list article titles.
.DESCRIPTION
    Run by `./build.ps1 -Task Demo` after the build. Starts the test server on 127.0.0.1 (it stops by itself when
    this process ends), connects as the consumer 'backend', shows the token's expiry and scope (never the token),
    prints the article titles that a GraphQL query returns, then reads every article through JSON:API, page by page.
#>
[CmdletBinding()]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'out/DrupalOAuth/DrupalOAuth.psd1') -Force
Import-Module (Join-Path $root 'tests/DrupalTestServer/DrupalTestServer.psm1') -Force

$server = Start-DrupalTestServer -Configuration $Configuration
try {
    Write-Host "Drupal test server at $($server.Uri)"

    # In a real job the secret comes from a credential asset, a SecureString or DRUPAL_CLIENT_SECRET.
    $secret = ConvertTo-SecureString 'backend-secret' -AsPlainText -Force
    Connect-DrupalApi -Uri $server.Uri -ClientId 'backend' -ClientSecret $secret

    $token = Get-DrupalToken
    Write-Host "Token: $($token.TokenType), expires $($token.ExpiresOn.ToLocalTime()), scope $($token.Scope -join ' ')"

    Write-Host 'Article titles:'
    Invoke-DrupalGraphQL -Query '{ nodeQuery { entities { ... on NodeArticle { title } } } }' -ExpandPath 'nodeQuery.entities' |
        ForEach-Object { Write-Host "  $($_.title)" }

    # JSON:API is on every Drupal site; -All follows the pages to the end (at most 50 items a page).
    $articles = Get-DrupalEntity node article -All -Sort '-created'
    Write-Host "Through JSON:API: $($articles.Count) articles, the newest '$($articles[0].title)'"

    Disconnect-DrupalApi
}
finally {
    Stop-DrupalTestServer -Server $server
}
