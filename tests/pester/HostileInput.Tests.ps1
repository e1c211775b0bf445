# Hostile input is refused before anything is sent (issue #14): values that contain themselves or nest without end,
# secrets and script blocks where data belongs, CR/LF in headers, ids that leave their collection, passwords in
# addresses, and token answers that could not be used safely. Each case asserts that the test server received
# nothing (its stats count every request to every API route).
Describe 'Hostile input is refused before anything is sent' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Get-SentCount {
            $stats = Get-Stats
            $stats.tokenRequests + $stats.graphqlRequests + $stats.debugRequests + $stats.jsonapiRequests + $stats.filesRequests + $stats.echoRequests
        }
        # A new connection, whose JSON:API index is not read yet (a refusal must come before that read too), then
        # the server's counters at zero.
        function Initialize-Connection {
            $null = Connect-Backend -With @{ SkipAdminCheck = $true }
            Reset-DrupalTestServer -Server $Server
        }
        function Add-TokenAnswer([string] $Json) {
            Add-DrupalTestServerFault -Server $Server -Route token -Kind status -Status 200 -Body $Json -ContentType 'application/json'
        }
        $script:Password = 'pw-7c1e5a9b'
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    # A value that contains itself overflowed the stack once (the process died after two minutes at full CPU): each
    # case runs in a child process with a deadline, so that a regression fails these tests, not the run.
    Context 'a value that refers to itself or nests without end' {
        BeforeAll {
            $script:Cases = [ordered]@{
                'filter contains itself'                 = { $g = @{ title = 'x' }; $g.or = $g; Get-DrupalEntity node article -Filter $g }
                'filter contains itself through an array' = { $g = @{ title = 'x' }; $g.nid = @(1, $g); Get-DrupalEntity node article -Filter $g }
                'filter contains itself through a nested group' = { $g = @{ or = @{ and = @{ status = 1 } } }; $g.or.and.or = $g; Get-DrupalEntity node article -Filter $g }
                'filter nested 100 levels deep'          = { $g = @{ title = 'x' }; foreach ($i in 1..100) { $g = @{ or = $g } }; Get-DrupalEntity node article -Filter $g }
                'variables contain themselves'           = { $v = @{ limit = 1 }; $v.self = @($v); Invoke-DrupalGraphQL -Query '{ nodeQuery { count } }' -Variables $v }
                'attributes contain themselves'          = { $a = @{ title = 'x' }; $a.body = @{ value = $a }; Set-DrupalEntity node article -Id (Get-Uuid 1) -Attributes $a -Confirm:$false -ErrorAction Stop }
                'relationships contain themselves'       = { $r = @{}; $r.field_tags = @($r); New-DrupalEntity node article -Attributes @{ title = 'x' } -Relationships $r -Confirm:$false -ErrorAction Stop }
                'a PSCustomObject body contains itself'  = { $o = [pscustomobject]@{ a = 1 }; $o | Add-Member -NotePropertyName self -NotePropertyValue $o; Invoke-DrupalRequest /_test/echo -Method Post -Body $o }
                'body nested 100 levels deep'            = { $b = 1; foreach ($i in 1..100) { $b = @{ x = $b } }; Invoke-DrupalRequest /_test/echo -Method Post -Body $b }
                'a SecureString in -Variables'           = { Invoke-DrupalGraphQL -Query '{ nodeQuery { count } }' -Variables @{ pw = (ConvertTo-SecureString 'secret-in-variables' -AsPlainText -Force) } }
                'a PSCredential in -Attributes'          = { New-DrupalEntity node article -Attributes @{ title = [pscredential]::new('u', (ConvertTo-SecureString 'x' -AsPlainText -Force)) } -Confirm:$false -ErrorAction Stop }
                'a ScriptBlock in -Filter'               = { Get-DrupalEntity node article -Filter @{ title = { 'x' } } }
                'a SecureString in -Headers'             = { Invoke-DrupalRequest /_test/echo -Headers @{ 'X-A' = (ConvertTo-SecureString 'x' -AsPlainText -Force) } }
            }
            $child = Join-Path $TestDrive 'cycles.ps1'
            Set-Content -Path $child -Value {
                param($Module, $Uri, $CasesFile)
                Import-Module $Module
                $null = Connect-DrupalApi -Uri $Uri -ClientId backend -ClientSecret (ConvertTo-SecureString 'backend-secret' -AsPlainText -Force) -SkipAdminCheck
                function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
                $cases = Import-PowerShellDataFile $CasesFile
                foreach ($name in $cases.Order) {
                    $null = Invoke-RestMethod -Method Post "$Uri/_test/reset"
                    $result = try { $null = & ([scriptblock]::Create($cases.Cases[$name])); @{ ErrorId = 'NoError' } } catch { @{ ErrorId = $_.FullyQualifiedErrorId; Message = $_.Exception.Message } }
                    $stats = Invoke-RestMethod "$Uri/_test/stats"
                    $result.Case = $name
                    $result.Sent = $stats.tokenRequests + $stats.graphqlRequests + $stats.jsonapiRequests + $stats.echoRequests
                    $result | ConvertTo-Json -Compress
                }
            }.ToString()
            $casesFile = Join-Path $TestDrive 'cases.psd1'
            $entries = foreach ($name in $Cases.Keys) { "'{0}' = '{1}'" -f $name, $Cases[$name].ToString().Replace("'", "''") }
            Set-Content -Path $casesFile -Value ("@{{ Order = @({0}); Cases = @{{ {1} }} }}" -f (($Cases.Keys | ForEach-Object { "'$_'" }) -join ', '), ($entries -join "`n"))
            $run = Start-Pwsh -ArgumentList '-File', $child, (Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'), $Uri, $casesFile | Wait-Pwsh -TimeoutSec 120
            $script:Results = @{}
            foreach ($line in $run.Output -split "`n" | Where-Object { $_ -like '{*' }) {
                $result = $line | ConvertFrom-Json
                $Results[$result.Case] = $result
            }
            $script:ChildText = $run.Text
        }

        It '<case>: refused as <errorId>, with <says>, nothing sent' -ForEach @(
            @{ case = 'filter contains itself'; errorId = 'InvalidValue'; says = "-Filter at 'or' refers to itself" }
            @{ case = 'filter contains itself through an array'; errorId = 'InvalidValue'; says = "-Filter at 'nid[1]' refers to itself" }
            @{ case = 'filter contains itself through a nested group'; errorId = 'InvalidValue'; says = "-Filter at 'or.and.or' refers to itself" }
            @{ case = 'filter nested 100 levels deep'; errorId = 'InvalidValue'; says = '-Filter at ''or.or.* is nested more than 64 levels deep' }
            @{ case = 'variables contain themselves'; errorId = 'InvalidValue'; says = "-Variables at 'self[0]' refers to itself" }
            @{ case = 'attributes contain themselves'; errorId = 'InvalidValue'; says = "-Attributes at 'body.value' refers to itself" }
            @{ case = 'relationships contain themselves'; errorId = 'InvalidValue'; says = "-Relationships at 'field_tags[0]' refers to itself" }
            @{ case = 'a PSCustomObject body contains itself'; errorId = 'InvalidValue'; says = "-Body at 'self' refers to itself" }
            @{ case = 'body nested 100 levels deep'; errorId = 'InvalidValue'; says = '-Body at ''x.x.* is nested more than 64 levels deep' }
            @{ case = 'a SecureString in -Variables'; errorId = 'InvalidValue'; says = "-Variables at 'pw' is a SecureString" }
            @{ case = 'a PSCredential in -Attributes'; errorId = 'InvalidValue'; says = "-Attributes at 'title' is a PSCredential" }
            @{ case = 'a ScriptBlock in -Filter'; errorId = 'InvalidValue'; says = "-Filter at 'title' is a script block" }
            @{ case = 'a SecureString in -Headers'; errorId = 'InvalidValue'; says = "-Headers at 'X-A' is a SecureString" }
        ) {
            $result = $Results[$case]
            $result | Should -Not -BeNullOrEmpty -Because "the child process ended before this case: $ChildText"
            $result.ErrorId | Should -BeLike "$errorId,DrupalOAuth.Commands.*"
            $result.Message | Should -BeLike ('*' + [WildcardPattern]::Escape($says).Replace('`*', '*') + '*Nothing was sent.')
            $result.Message | Should -Not -Match 'System\.Security\.SecureString|secret-in-variables'
            $result.Sent | Should -Be 0
        }
    }

    Context 'CR, LF and other control characters in headers' {
        BeforeAll { Initialize-Connection }
        BeforeEach { Reset-DrupalTestServer -Server $Server }

        It 'refuses <what> in -Headers: nothing is sent, no DELETE reaches the server' -ForEach @(
            @{ what = 'a value with CRLF that smuggles a second request'; headers = @{ 'X-A' = "v`r`n`r`nDELETE /jsonapi/node/article/$('{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f 1) HTTP/1.1`r`nHost: x" } }
            @{ what = 'a value with LF alone'; headers = @{ 'X-A' = "v`nX-Injected: 1" } }
            @{ what = 'a value with CR alone'; headers = @{ 'X-A' = "v`rX-Injected: 1" } }
            @{ what = 'a value with NUL'; headers = @{ 'X-A' = "v`0w" } }
            @{ what = 'one of a list of values with CRLF'; headers = @{ 'X-A' = @('a', "b`r`nX-Injected: 1") } }
            @{ what = 'a name with a space'; headers = @{ 'X A' = 'v' } }
            @{ what = 'a name with a colon'; headers = @{ 'X-A: 1' = 'v' } }
            @{ what = 'a name with CRLF'; headers = @{ "X-A`r`nX-B" = 'v' } }
        ) {
            { Invoke-DrupalRequest /_test/echo -Method Post -Body 'x' -Headers $headers } | Should -Throw -ErrorId 'InvalidHeader,DrupalOAuth.Commands.InvokeDrupalRequestCommand' -ExpectedMessage '*Nothing was sent.'
            Get-SentCount | Should -Be 0
            (Get-Stats).entitiesDeleted | Should -Be 0
        }

        It 'refuses -ContentType with CRLF' {
            { Invoke-DrupalRequest /_test/echo -Method Post -Body 'x' -ContentType "text/plain`r`nX-Injected: 1" } | Should -Throw -ErrorId 'InvalidHeader,DrupalOAuth.Commands.InvokeDrupalRequestCommand' -ExpectedMessage '-ContentType: *'
            Get-SentCount | Should -Be 0
        }

        It 'still sends ordinary headers, lists joined with commas' {
            $echo = Invoke-DrupalRequest /_test/echo -Headers @{ 'X-Request-Id' = 'abc-1'; 'X-List' = @('a', 'b') }
            $echo.headers.'X-Request-Id' | Should -Be 'abc-1'
            $echo.headers.'X-List' | Should -Be 'a, b'
        }
    }

    Context 'ids that are not one path segment' {
        BeforeAll { Initialize-Connection }
        BeforeEach { Reset-DrupalTestServer -Server $Server }

        It '<cmdlet> -Id ''<id>'' is InvalidId, and nothing is sent' -ForEach @(
            foreach ($id in '.', '..', 'a/b', 'a%2Fb', 'a%5cb', '?x', 'a#b', "a`r`nb", '../../user/user') {
                @{ cmdlet = 'Get-DrupalEntity'; id = $id; call = { param($id) Get-DrupalEntity node article -Id $id } }
                @{ cmdlet = 'Set-DrupalEntity'; id = $id; call = { param($id) Set-DrupalEntity node article -Id $id -Attributes @{ title = 'x' } -Confirm:$false -ErrorAction Stop } }
                @{ cmdlet = 'Remove-DrupalEntity'; id = $id; call = { param($id) Remove-DrupalEntity node article -Id $id -Confirm:$false -ErrorAction Stop } }
                @{ cmdlet = 'New-DrupalFile'; id = $id; call = { param($id) New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $PSCommandPath -Id $id -Confirm:$false -ErrorAction Stop } }
            }
        ) {
            { & $call $id } | Should -Throw -ErrorId "InvalidId,*"
            Get-SentCount | Should -Be 0
        }

        It 'Get-DrupalEntity -Id '''' is refused, and nothing is sent' {
            { Get-DrupalEntity node article -Id '' } | Should -Throw
            Get-SentCount | Should -Be 0
        }

        It 'an id from the pipeline is checked as well' {
            { [pscustomobject]@{ type = 'node--article'; id = '..' } | Remove-DrupalEntity -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidId,*'
            Get-SentCount | Should -Be 0
        }

        It 'New-DrupalFile -Field ''<field>'' is InvalidField, and nothing is sent' -ForEach @(
            @{ field = '..' }, @{ field = 'field_image/../x' }, @{ field = 'field_image?x=1' }
        ) {
            { New-DrupalFile -EntityType node -Bundle article -Field $field -Path $PSCommandPath -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidField,*'
            Get-SentCount | Should -Be 0
        }
    }

    Context 'a user name or password in an address' {
        BeforeAll { Initialize-Connection }
        BeforeEach { Reset-DrupalTestServer -Server $Server; $Error.Clear() }

        It 'Connect-DrupalApi -Uri ''<shape>'' is InvalidUri; the password shows nowhere' -ForEach @(
            @{ shape = 'http://user:pw@host:port' }
            @{ shape = 'http://user:pw@host:port:bad/ (malformed)' }
            @{ shape = 'user:pw@host (malformed)' }
        ) {
            $authority = ([uri] $Uri).Authority
            $address = switch -Wildcard ($shape) {
                'http://user:pw@host:port' { "http://backend:$Password@$authority" }
                'http://user:pw@host:port:bad*' { "http://backend:$Password@$($authority):bad/" }
                'user:pw@host*' { "backend:$Password@$authority" }
            }
            $everything = & {
                try { Connect-DrupalApi -Uri $address -ClientId backend -ClientSecret (New-Secret $BackendSecretText) -Verbose -Debug }
                catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString(); $_.TargetObject; $_.Exception.Target }
                $Error | Format-List * -Force | Out-String
            } *>&1 | Out-String -Width 4096
            $everything | Should -Match 'InvalidUri'
            $everything | Should -Match 'names a user or password'
            $everything | Should -Not -Match ([regex]::Escape($Password))
            Get-SentCount | Should -Be 0
        }

        It 'Invoke-DrupalRequest -Path ''<shape>'' -Verbose is InvalidPath; the password shows nowhere' -ForEach @(
            @{ shape = 'http://user:pw@site/_test/echo' }
            @{ shape = '//user:pw@site/_test/echo' }
            @{ shape = 'http://user:pw@elsewhere/_test/echo' }
        ) {
            $authority = ([uri] $Uri).Authority
            $path = $shape.Replace('user:pw', "backend:$Password").Replace('site', $authority).Replace('elsewhere', 'localhost:1')
            $everything = & {
                try { Invoke-DrupalRequest -Path $path -Verbose -Debug }
                catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString(); $_.TargetObject }
                $Error | Format-List * -Force | Out-String
            } *>&1 | Out-String -Width 4096
            $everything | Should -Match 'InvalidPath'
            $everything | Should -Not -Match ([regex]::Escape($Password))
            Get-SentCount | Should -Be 0
        }
    }

    Context 'a token endpoint that answers what cannot be used' {
        BeforeEach { Reset-DrupalTestServer -Server $Server }

        It 'refuses an access_token with <what> at connect, once, without a retry' -ForEach @(
            @{ what = 'CRLF'; token = 'abc\r\nX-Injected: 1'; says = '*U+000D at position 4*' }
            @{ what = 'LF'; token = 'abc\nX-Injected: 1'; says = '*U+000A at position 4*' }
            @{ what = 'NUL'; token = 'abc\u0000'; says = '*U+0000 at position 4*' }
            @{ what = '100 KB'; token = 'a' * 102400; says = '*is 102,400 characters long, more than the 65,536 a SecureString holds*' }
            @{ what = 'nothing'; token = ''; says = '*without an access_token*' }
        ) {
            Add-TokenAnswer ('{"token_type":"Bearer","expires_in":300,"access_token":"' + $token + '"}')
            { Connect-Backend -Name 'hostile' -With @{ SkipAdminCheck = $true } } | Should -Throw -ErrorId 'InvalidTokenResponse,DrupalOAuth.Commands.ConnectDrupalApiCommand' -ExpectedMessage $says
            (Get-Stats).tokenRequests | Should -Be 1
            Get-SentCount | Should -Be 1
            Get-DrupalConnection -Name 'hostile' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'refuses expires_in <expiresIn> at connect, once' -ForEach @(
            @{ expiresIn = '-1' }, @{ expiresIn = '0' }, @{ expiresIn = '"NaN"' }, @{ expiresIn = '-1e400' }
        ) {
            Add-TokenAnswer ('{"token_type":"Bearer","expires_in":' + $expiresIn + ',"access_token":"opaque"}')
            { Connect-Backend -Name 'hostile' -With @{ SkipAdminCheck = $true } } | Should -Throw -ErrorId 'InvalidTokenResponse,*' -ExpectedMessage "*expires_in $expiresIn, which is not a positive number of seconds*"
            (Get-Stats).tokenRequests | Should -Be 1
        }

        It 'cuts expires_in <expiresIn> to a day, so Get-DrupalToken works' -ForEach @(
            @{ expiresIn = '1e12' }, @{ expiresIn = '1e400' }
        ) {
            Add-TokenAnswer ('{"token_type":"Bearer","expires_in":' + $expiresIn + ',"access_token":"opaque"}')
            $before = [DateTimeOffset]::UtcNow
            $connection = Connect-Backend -Name 'long' -With @{ SkipAdminCheck = $true }
            $token = Get-DrupalToken -Connection $connection
            $token.ExpiresOn | Should -BeGreaterThan $before.AddHours(23)
            $token.ExpiresOn | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddDays(1).AddMinutes(1))
            $connection | Disconnect-DrupalApi
        }
    }
}
