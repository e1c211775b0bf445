# The child processes of the tests (ChildProcess.ps1) run on the PowerShell that runs the tests, so that the suite
# run on pwsh 7.4 (build.ps1 -Runtime 7.4) tests 7.4 there too, and they give their output as plain text.
BeforeAll {
    . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
}

Describe 'Start-Pwsh and Wait-Pwsh' {
    It 'start the PowerShell that runs the tests' {
        $run = Start-Pwsh -ArgumentList '-Command', '"$($PSVersionTable.PSVersion) $PSHOME"' | Wait-Pwsh
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Output.Trim() | Should -Be "$($PSVersionTable.PSVersion) $PSHOME"
    }

    It 'give an error view without ANSI escapes' {
        $run = Start-Pwsh -ArgumentList '-Command', 'throw "the child failed"' | Wait-Pwsh
        $run.ExitCode | Should -Not -Be 0
        $run.Errors | Should -Match 'the child failed'
        $run.Text | Should -Not -Match ([regex]::Escape([string][char]27))
    }
}
