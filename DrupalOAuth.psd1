# The module manifest. build.ps1 copies it to out/DrupalOAuth/ and stamps ModuleVersion from Directory.Build.props
# (VersionPrefix), the one place the version is kept.
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
        'Connect-DrupalApi'
        'Disconnect-DrupalApi'
        'Get-DrupalConnection'
        'Get-DrupalEntity'
        'Get-DrupalToken'
        'Invoke-DrupalGraphQL'
        'Invoke-DrupalRequest'
        'Test-DrupalConnection'
    )
    FormatsToProcess     = @('DrupalOAuth.Format.ps1xml')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Drupal', 'OAuth', 'OAuth2', 'SimpleOAuth', 'GraphQL', 'JSONAPI', 'API', 'PSEdition_Desktop', 'PSEdition_Core')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'Connect with client credentials, a cached token shared by all runspaces, GraphQL queries, JSON:API reads (Get-DrupalEntity), any authenticated request (Invoke-DrupalRequest), and paging that never stops at the first page.'
        }
    }
}
