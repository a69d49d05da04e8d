# Builds the one-folder frozen till into dist\pos-app\ on Windows and runs its smoke test.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install -q --upgrade pip
.venv\Scripts\python -m pip install -q -e ".[dev,build]"
if (Test-Path build\pyinstaller) { Remove-Item -Recurse -Force build\pyinstaller }
if (Test-Path dist\pos-app) { Remove-Item -Recurse -Force dist\pos-app }
.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN --workpath build\pyinstaller --distpath dist packaging\pos-app.spec
$env:QT_QPA_PLATFORM = "offscreen"
$env:POS_SMOKE_DECODE = "1"
$env:POS_SMOKE_SCREENSHOT = (Join-Path (Get-Location) "dist\smoke-test.png")
& dist\pos-app\pos-app.exe --smoke-test
if ($LASTEXITCODE -ne 0) { throw "the frozen build failed its smoke test" }
Write-Output "built: dist\pos-app\pos-app.exe"
