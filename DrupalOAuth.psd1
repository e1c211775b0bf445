# The module manifest. build.ps1 copies it to out/DrupalOAuth/ and stamps ModuleVersion from Directory.Build.props
# (VersionPrefix), the one place the version is kept, and ReleaseNotes from the newest section of CHANGELOG.md.
# PrivateData.PSData is what the PowerShell Gallery shows; no ProjectUri until the project has a public home.
@{
    RootModule           = 'DrupalOAuth.PowerShell.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0f3c1e-8f57-4d33-9a0e-2f6d1c7a4e21'
    Author               = 'DrupalOAuth contributors'
    CompanyName          = 'DrupalOAuth'
    Copyright            = '(c) DrupalOAuth contributors. MIT License.'
    Description          = 'Talks to Drupal sites from scripts with no human present: OAuth 2 client credentials through Simple OAuth, a cached access token, and GraphQL and JSON:API results as PowerShell objects, every page of them.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @(
        'Compare-DrupalContent'
        'Connect-DrupalApi'
        'Disconnect-DrupalApi'
        'Export-DrupalContent'
        'Export-DrupalEntity'
        'Get-DrupalConnection'
        'Get-DrupalEntity'
        'Get-DrupalToken'
        'Import-DrupalContent'
        'Import-DrupalEntity'
        'Invoke-DrupalGraphQL'
        'Invoke-DrupalRequest'
        'New-DrupalEntity'
        'New-DrupalFile'
        'Remove-DrupalEntity'
        'Set-DrupalEntity'
        'Test-DrupalConnection'
    )
    FormatsToProcess     = @('DrupalOAuth.Format.ps1xml')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            # Single words: the gallery splits tags at spaces.
            Tags         = @(
                'Drupal', 'OAuth', 'OAuth2', 'SimpleOAuth', 'ClientCredentials', 'GraphQL', 'JSONAPI', 'API', 'REST',
                'Automation', 'AzureAutomation', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS'
            )
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'Stamped by build.ps1 from the newest section of CHANGELOG.md.'
        }
    }
}
