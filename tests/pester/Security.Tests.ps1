Describe 'Secrets and tokens never show' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $wrongSecret = 'wrong-secret-5f1c9e'

        # Everything a user could see: every stream with -Verbose -Debug, formatted views, serializations,
        # error records and a transcript, over the whole flow including failures.
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $null = Start-Transcript -Path $transcript
        $streams = & {
            $connection = Connect-Backend -With @{ Verbose = $true; Debug = $true }
            $connection
            $connection | Format-List * | Out-String
            $connection | Format-Table * | Out-String
            $connection.ToString()
            $connection | ConvertTo-Json -Depth 5
            Get-DrupalToken -Verbose -Debug | Format-List * | Out-String
            Get-DrupalToken | ConvertTo-Json
            Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Verbose -Debug | Out-Null
            # /oauth/debug echoes the token in its body.
            $identity = Test-DrupalConnection -Verbose -Debug
            $identity | Format-List * | Out-String
            $identity | ConvertTo-Json -Depth 5
            $identity | Export-Clixml -Path (Join-Path $TestDrive 'identity.xml')
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body @{ route = 'graphql'; kind = 'status'; status = 503; retryAfter = '0'; count = 1 }
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body @{ route = 'graphql'; kind = 'redirect'; target = 'same'; count = 1 }
            Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Verbose -Debug | Out-Null
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body @{ route = 'graphql'; kind = 'redirect'; target = 'other'; count = 1 }
            try { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Verbose -Debug } catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }
            # JSON:API and any request: paged reads, includes, the echo route (which names the headers it got).
            Get-DrupalEntity node article -All -Include 'uid' -Verbose -Debug | Format-List * | Out-String
            Get-DrupalEntity user -Raw -Verbose -Debug | ConvertTo-Json -Depth 10
            Invoke-DrupalRequest -Path '/_test/echo' -Verbose -Debug | Format-List * | Out-String
            try { Invoke-DrupalRequest -Path '/_test/echo' -Query @{ status = 403 } -Verbose -Debug } catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }
            try { Invoke-DrupalRequest -Path '/x' -Headers @{ Authorization = 'Bearer x' } } catch { $_ | Format-List * -Force | Out-String }
            Invoke-DrupalTestServerControl -Server $Server -Action 'revoke'
            try { Invoke-DrupalGraphQL -Query '{ nodeQuery { nope } }' -Verbose -Debug -ErrorAction SilentlyContinue } catch { $_ | Format-List * -Force | Out-String }
            try { Connect-Backend -Name 'bad' -Secret $wrongSecret -With @{ Verbose = $true; Debug = $true } } catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }
            try { Connect-Backend -Name 'bad' -Secret $wrongSecret -With @{ ClientAuthentication = 'Basic'; Verbose = $true; Debug = $true } } catch { $_ | Format-List * -Force | Out-String }
            $Error | Select-Object -First 5 | Format-List * -Force | Out-String
        } *>&1 | Out-String -Width 4096
        Stop-Transcript | Out-Null

        $clixml = Join-Path $TestDrive 'connection.xml'
        Get-DrupalConnection | Export-Clixml -Path $clixml
        $everything = $streams + (Get-Content -Raw $transcript) + (Get-Content -Raw $clixml) + (Get-Content -Raw (Join-Path $TestDrive 'identity.xml'))
        $token = (Get-DrupalToken -AsPlainText).AccessToken
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    It 'saw the flow it scans' {
        $everything | Should -Match 'Requesting a token'
        $everything | Should -Match 'InvalidClient'
        $everything | Should -Match 'nope'
        $everything | Should -Match '/oauth/debug'
        $everything | Should -Match 'retry 1 of 3'
        $everything | Should -Match 'RedirectRefused'
        $everything | Should -Match 'node--article'
        $everything | Should -Match '_test/echo'
    }

    It 'never shows the client secret' {
        $everything | Should -Not -Match ([regex]::Escape($BackendSecretText))
        $everything | Should -Not -Match ([regex]::Escape($wrongSecret))
    }

    It 'never shows the access token, nor any part of it' {
        $token | Should -Not -BeNullOrEmpty
        foreach ($part in $token.Split('.')) {
            $everything | Should -Not -Match ([regex]::Escape($part))
        }
    }

    It 'never shows the Basic credentials' {
        $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("backend:$wrongSecret"))
        $everything | Should -Not -Match ([regex]::Escape($basic))
    }
}
