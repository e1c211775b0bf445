# Dot-sourced in the BeforeAll of every test file: imports the built module from out/ and starts a Drupal test
# server of this file's own on 127.0.0.1 (it stops by itself when this process ends).
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$modulePath = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'
if (-not (Test-Path $modulePath)) { throw "Build first: dotnet pwsh ./build.ps1 -Task Build ($modulePath is missing)." }
Import-Module $modulePath -Force
Import-Module (Join-Path $RepoRoot 'tests/DrupalTestServer/DrupalTestServer.psm1') -Force
$script:Server = Start-DrupalTestServer
$script:Uri = $Server.Uri

# The consumers of the test server (tests/DrupalTestServer/README.md).
$script:BackendSecretText = 'backend-secret'
function New-Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
function Connect-Backend {
    param([string] $Name = 'default', [string] $ClientId = 'backend', [string] $Secret = $BackendSecretText, [hashtable] $With = @{})
    Connect-DrupalApi -Uri $Uri -ClientId $ClientId -ClientSecret (New-Secret $Secret) -Name $Name -PassThru @With
}
function Get-Stats { Get-DrupalTestServerStats -Server $Server }
function Get-TokenRequestCount { (Get-Stats).tokenRequests }
$script:ArticleTitlesQuery = '{ nodeQuery { entities { ... on NodeArticle { title } } } }'
