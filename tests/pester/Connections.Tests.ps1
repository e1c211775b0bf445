Describe 'Get-DrupalConnection and Disconnect-DrupalApi' {
    BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }
    AfterAll { Stop-DrupalTestServer -Server $Server }
    BeforeEach {
        $null = Connect-Backend -Name 'prod'
        $null = Connect-Backend -Name 'staging' -ClientId 'editor-client' -Secret 'editor-secret'
    }
    AfterEach { Get-DrupalConnection | Disconnect-DrupalApi }

    Context 'Get-DrupalConnection' {
        It 'lists every connection by name' {
            (Get-DrupalConnection).Name | Should -Be @('prod', 'staging')
        }

        It 'takes names with wildcards' {
            (Get-DrupalConnection -Name 'st*').Name | Should -Be 'staging'
            (Get-DrupalConnection 'PROD').Name | Should -Be 'prod'
        }

        It 'reports a name that matches nothing, without stopping' {
            $found = Get-DrupalConnection -Name 'nope', 'prod' -ErrorVariable problems -ErrorAction SilentlyContinue
            $found.Name | Should -Be 'prod'
            $problems[0].FullyQualifiedErrorId | Should -Be 'ConnectionNotFound,DrupalOAuth.Commands.GetDrupalConnectionCommand'
        }

        It 'shows site, client, scope, token expiry and which is current, never the secret' {
            $connection = Get-DrupalConnection -Name 'staging'
            $connection.IsCurrent | Should -BeTrue
            (Get-DrupalConnection -Name 'prod').IsCurrent | Should -BeFalse
            $names = $connection.PSObject.Properties.Name
            $names | Should -Contain 'SiteUri'
            $names | Should -Contain 'ClientId'
            $names | Should -Contain 'Scope'
            $names | Should -Contain 'TokenExpiresOn'
            $names | Should -Contain 'Name'
            $names | Where-Object { $_ -match 'Secret|Credential|Password|AccessToken' } | Should -BeNullOrEmpty
        }

        It 'completes connection names' {
            $line = 'Get-DrupalConnection -Name st'
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $completion.CompletionMatches.CompletionText | Should -Be 'staging'
        }
    }

    Context 'Disconnect-DrupalApi' {
        It 'forgets the current connection when none is named' {
            Disconnect-DrupalApi
            (Get-DrupalConnection).Name | Should -Be 'prod'
            Get-DrupalConnection -Current | Should -BeNullOrEmpty
        }

        It 'forgets a named connection and its cached token' {
            $prod = Get-DrupalConnection -Name 'prod'
            Disconnect-DrupalApi -Name 'prod'
            $prod.TokenExpiresOn | Should -BeNullOrEmpty
            (Get-DrupalConnection).Name | Should -Be 'staging'
        }

        It 'takes connections from the pipeline' {
            Get-DrupalConnection | Disconnect-DrupalApi
            Get-DrupalConnection | Should -BeNullOrEmpty
        }

        It 'refuses further use of a disconnected connection object' {
            $prod = Get-DrupalConnection -Name 'prod'
            Disconnect-DrupalApi -Name 'prod'
            { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Connection $prod } |
                Should -Throw -ErrorId 'ConnectionClosed,DrupalOAuth.Commands.InvokeDrupalGraphQLCommand'
        }

        It 'reports an unknown name' {
            { Disconnect-DrupalApi -Name 'nope' } | Should -Throw -ErrorId 'ConnectionNotFound,DrupalOAuth.Commands.DisconnectDrupalApiCommand'
        }
    }

    Context 'without any connection' {
        BeforeEach { Get-DrupalConnection | Disconnect-DrupalApi }

        It '<Command> says to run Connect-DrupalApi' -ForEach @(
            @{ Command = 'Invoke-DrupalGraphQL'; Type = 'InvokeDrupalGraphQLCommand'; Call = { Invoke-DrupalGraphQL -Query '{ a }' } }
            @{ Command = 'Get-DrupalToken'; Type = 'GetDrupalTokenCommand'; Call = { Get-DrupalToken } }
            @{ Command = 'Disconnect-DrupalApi'; Type = 'DisconnectDrupalApiCommand'; Call = { Disconnect-DrupalApi } }
        ) {
            $Call | Should -Throw -ErrorId "NotConnected,DrupalOAuth.Commands.$Type" -ExpectedMessage '*Run Connect-DrupalApi*'
        }
    }

    Context '-Connection' {
        It 'takes a connection object or a connection name' {
            $prod = Get-DrupalConnection -Name 'prod'
            (Get-DrupalToken -Connection $prod).ConnectionName | Should -Be 'prod'
            (Get-DrupalToken -Connection 'prod').ConnectionName | Should -Be 'prod'
        }

        It 'reports an unknown connection name' {
            { Get-DrupalToken -Connection 'nope' } | Should -Throw -ExpectedMessage "*no Drupal connection named 'nope'*"
        }
    }
}
