Describe 'Get-DrupalToken' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $null = Connect-Backend
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    It 'returns the token as a SecureString with its type, expiry and scope' {
        $token = Get-DrupalToken
        $token.AccessToken | Should -BeOfType [securestring]
        $token.TokenType | Should -Be 'Bearer'
        $token.ExpiresOn | Should -BeOfType [DateTimeOffset]
        $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddSeconds(250))
        $token.ExpiresOn | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddSeconds(301))
        $token.Scope | Should -Be @('api_user', 'content:read')
    }

    It 'reads the scope from the JWT''s scope claim' {
        $jwt = (Get-DrupalToken -AsPlainText).AccessToken
        $payload = $jwt.Split('.')[1].Replace('-', '+').Replace('_', '/')
        $payload = $payload.PadRight($payload.Length + (4 - $payload.Length % 4) % 4, '=')
        $claims = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload)) | ConvertFrom-Json
        (Get-DrupalToken).Scope | Should -Be $claims.scope
    }

    It 'gives the token as plain text with -AsPlainText' {
        $token = Get-DrupalToken -AsPlainText
        $token.AccessToken | Should -BeOfType [string]
        $token.AccessToken.Split('.').Count | Should -Be 3
        [Net.NetworkCredential]::new('', (Get-DrupalToken).AccessToken).Password | Should -Be $token.AccessToken
    }

    It 'returns the cached token without asking Drupal' {
        $before = Get-TokenRequestCount
        $first = (Get-DrupalToken -AsPlainText).AccessToken
        $second = (Get-DrupalToken -AsPlainText).AccessToken
        $second | Should -Be $first
        Get-TokenRequestCount | Should -Be $before
    }

    It 'fetches a new token with -Force' {
        $before = Get-TokenRequestCount
        $old = (Get-DrupalToken -AsPlainText).AccessToken
        $new = (Get-DrupalToken -Force -AsPlainText).AccessToken
        $new | Should -Not -Be $old
        Get-TokenRequestCount | Should -Be ($before + 1)
        (Get-DrupalToken -AsPlainText).AccessToken | Should -Be $new
    }

    It 'renews the token shortly before it expires' {
        $short = Connect-Backend -Name 'short' -ClientId 'short' -Secret 'short-secret'
        $first = (Get-DrupalToken -Connection $short -AsPlainText)
        $first.ExpiresOn | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddSeconds(5))
        (Get-DrupalToken -Connection $short -AsPlainText).AccessToken | Should -Be $first.AccessToken
        # A 4 s token is renewed 0.4 s (a tenth of its life) before it expires.
        Start-Sleep -Milliseconds 3800
        (Get-DrupalToken -Connection $short -AsPlainText).AccessToken | Should -Not -Be $first.AccessToken
        Disconnect-DrupalApi -Name 'short'
        $null = Connect-Backend
    }

    It 'says in -Verbose whether it reused or fetched the token, and until when' {
        $lines = Get-DrupalToken -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($lines.Message -join "`n") | Should -Match "Using the cached token of client 'backend', valid until"
        $lines = Get-DrupalToken -Force -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($lines.Message -join "`n") | Should -Match "Requesting a token for client 'backend' from $([regex]::Escape($Uri))/oauth/token"
        ($lines.Message -join "`n") | Should -Match 'POST .*/oauth/token: 200 OK in \d+ ms'
    }
}
