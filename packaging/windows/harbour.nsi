; Harbour for Windows: the installer.
;
; Built on Debian 12 with Debian's own makensis (package nsis, NSIS 3.08), from a harbour.exe that was
; cross-compiled for x86_64-pc-windows-gnu with `--no-bundle`. Tauri's own NSIS bundling is not used,
; because it downloads its NSIS copy and plugins at build time.
;
;   makensis -DVERSION=0.1.0 \
;            -DSRCDIR=/abs/path/to/folder/with/harbour.exe/and/WebView2Loader.dll \
;            -DOUTFILE=/abs/path/to/Harbour-0.1.0-setup.exe \
;            -DICON=/abs/path/to/repo/icons/icon.ico \
;            packaging/windows/harbour.nsi
;
; On Linux the switches start with "-" (makensis on Windows also takes "/D..."). Give absolute paths:
; makensis changes into this script's folder before it reads them (unless it is run with -NOCD).
; Optional: -DVERSION_QUAD=0.1.0.0 when VERSION is not three plain numbers (the version resource of an
; .exe needs four numbers; by default it is VERSION followed by ".0").
;
; Stub: 64-bit (amd64-unicode). Debian's nsis package ships amd64-unicode stubs and plugins as well as the
; x86 ones, and Harbour itself is 64-bit only, so a 64-bit installer loses nothing: it sees the real
; 64-bit registry and file system without WOW64 redirection, and it runs under Debian's wine64 without
; 32-bit Wine. (Upstream NSIS's Windows releases ship x86 stubs only; the amd64 target is built from the
; same source.) Every registry read below names its view, so the script is also correct with an x86
; stub (-DX86_STUB), should one ever be needed.
;
; Exit codes (the installer and Uninstall.exe):
;   0  done
;   1  the person chose Cancel (NSIS's own code)
;   2  stopped for another reason, for example a file could not be written (NSIS's own code)
;   3  Microsoft Edge WebView2 is missing; nothing was written
;   4  Harbour is open, so its files could not be replaced or removed; close it and try again
;
; Testing only: /SKIPWEBVIEW2CHECK skips the WebView2 check. Wine has no WebView2, so the automatic
; checks under Wine need it. It is not for real installs: without WebView2, Harbour cannot open.

Unicode true
!ifdef X86_STUB
  Target x86-unicode
!else
  Target amd64-unicode
!endif
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

; ---------------------------------------------------------------------------------------------
; Inputs

!ifndef VERSION
  !error "Give the version, e.g. -DVERSION=0.1.0"
!endif
!ifndef SRCDIR
  !error "Give the folder holding harbour.exe and WebView2Loader.dll, e.g. -DSRCDIR=/abs/path"
!endif
!ifndef OUTFILE
  !error "Give the installer's file name, e.g. -DOUTFILE=/abs/path/Harbour-0.1.0-setup.exe"
!endif
!ifndef ICON
  !error "Give the path of icons/icon.ico in the repository, e.g. -DICON=/abs/path/icons/icon.ico"
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "${VERSION}.0"
!endif

; ---------------------------------------------------------------------------------------------
; Names

!define APP_NAME "Harbour"
!define PUBLISHER "Harbour"
!define APP_IDENTIFIER "uk.org.harbour.desktop" ; Tauri's identifier: the family's data is in %APPDATA%\this
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Harbour"
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_PAGE "https://developer.microsoft.com/microsoft-edge/webview2/consumer/"
!define EXIT_NO_WEBVIEW2 3
!define EXIT_HARBOUR_OPEN 4

Name "${APP_NAME}"
Caption "Set up ${APP_NAME}"
UninstallCaption "Remove ${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Harbour"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

; ---------------------------------------------------------------------------------------------
; Pages. Plain, calm words: many people who run this are not used to installing programs.

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "Stop setting up Harbour? Nothing on this computer has been changed yet."

!define MUI_WELCOMEPAGE_TITLE "Set up Harbour"
!define MUI_WELCOMEPAGE_TEXT "Harbour helps you keep children safer online. It works only on this computer and does not go on the internet.$\r$\n$\r$\nIt will be set up just for you, the person signed in to Windows now. You do not need an administrator password.$\r$\n$\r$\nChoose Install to carry on."
!define MUI_PAGE_CUSTOMFUNCTION_SHOW WelcomeShow
!insertmacro MUI_PAGE_WELCOME

!define MUI_INSTFILESPAGE_FINISHHEADER_TEXT "Harbour is set up"
!define MUI_INSTFILESPAGE_FINISHHEADER_SUBTEXT "You can now open Harbour."
!define MUI_INSTFILESPAGE_ABORTHEADER_TEXT "Harbour was not set up"
!define MUI_INSTFILESPAGE_ABORTHEADER_SUBTEXT "You can run this setup again at any time."
!insertmacro MUI_PAGE_INSTFILES
; NSIS 3.08's MUI2 forgets to clear these two after the page (it clears ..._ABORTWARNING_... instead).
!undef MUI_INSTFILESPAGE_ABORTHEADER_TEXT
!undef MUI_INSTFILESPAGE_ABORTHEADER_SUBTEXT

!define MUI_FINISHPAGE_TITLE "Harbour is ready"
!define MUI_FINISHPAGE_TEXT "You will find Harbour in the Start menu.$\r$\n$\r$\nTo remove it later, use Settings, then Apps."
!define MUI_FINISHPAGE_RUN "$INSTDIR\harbour.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open Harbour now"
!insertmacro MUI_PAGE_FINISH

; (This text has room for three lines.)
!define MUI_UNCONFIRMPAGE_TEXT_TOP "This removes the Harbour program. Your family's saved information (your agreement, notes and settings) stays on this computer, still locked with your passphrase."
!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_INSTFILESPAGE_FINISHHEADER_TEXT "Harbour has been removed"
!define MUI_INSTFILESPAGE_FINISHHEADER_SUBTEXT "Your family's saved information has been kept."
!define MUI_INSTFILESPAGE_ABORTHEADER_TEXT "Harbour was not removed"
!define MUI_INSTFILESPAGE_ABORTHEADER_SUBTEXT "You can try again at any time."
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; ---------------------------------------------------------------------------------------------
; Version information on the installer .exe (Properties > Details in Explorer).

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "Harbour setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Harbour contributors"
VIAddVersionKey /LANG=${LANG_ENGLISH} "OriginalFilename" "Harbour-${VERSION}-setup.exe"

; ---------------------------------------------------------------------------------------------
; Installer

Function WelcomeShow
  ; The welcome page is the last one before the files go in, so its button says Install, not Next.
  GetDlgItem $0 $HWNDPARENT 1
  SendMessage $0 ${WM_SETTEXT} 0 "STR:$(^InstallBtn)"
FunctionEnd

; Sets $WebView2Found to 1 if a WebView2 Evergreen runtime is installed, else 0. Microsoft's rule: the
; runtime is there when `pv` under EdgeUpdate\Clients\{F3017226-...} is present and is not empty or
; 0.0.0.0, looked for per machine (HKLM: on 64-bit Windows the 32-bit view, WOW6432Node) and per user
; (HKCU). The native 64-bit HKLM key is read as well, for good measure.
Var WebView2Found
!macro WEBVIEW2_PV ROOT KEY
  ReadRegStr $0 ${ROOT} "${KEY}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $WebView2Found 1
  ${EndIf}
!macroend
Function HasWebView2
  Push $0
  StrCpy $WebView2Found 0
  SetRegView 64
  !insertmacro WEBVIEW2_PV HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}"
  !insertmacro WEBVIEW2_PV HKLM "SOFTWARE\${WEBVIEW2_CLIENT}"
  !insertmacro WEBVIEW2_PV HKCU "Software\${WEBVIEW2_CLIENT}"
  SetRegView lastused
  Pop $0
FunctionEnd

Function .onInit
  SetShellVarContext current

  ; /SKIPWEBVIEW2CHECK is for automatic tests under Wine only (see the top of this file).
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/SKIPWEBVIEW2CHECK" $R1
  ${If} ${Errors}
    Call HasWebView2
    ${If} $WebView2Found != 1
      ; Nothing has been written yet. A silent install (/S) just fails, so that deployment tools
      ; report it; a person sees what to do.
      SetErrorLevel ${EXIT_NO_WEBVIEW2}
      ${IfNot} ${Silent}
        MessageBox MB_OK|MB_ICONINFORMATION "Harbour needs a part of Windows called Microsoft Edge WebView2, and this computer does not seem to have it.$\r$\n$\r$\nWindows 11 already includes it. On Windows 10, please install $\"Microsoft Edge WebView2 Runtime$\" from Microsoft (it is free):$\r$\n${WEBVIEW2_PAGE}$\r$\nThen run this setup again.$\r$\n$\r$\nIf someone else looks after this computer for you, you could ask them to do this.$\r$\n$\r$\nNothing on this computer has been changed."
      ${EndIf}
      Quit
    ${EndIf}
  ${EndIf}
FunctionEnd

; A running program's file cannot be replaced, so ask for Harbour to be closed first.
!macro HARBOUR_MUST_BE_CLOSED UN
Function ${UN}HarbourMustBeClosed
  retry:
  ${If} ${FileExists} "$INSTDIR\harbour.exe"
    ClearErrors
    Delete "$INSTDIR\harbour.exe"
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONINFORMATION "Harbour is open at the moment.$\r$\n$\r$\nPlease close Harbour, then choose Retry." /SD IDCANCEL IDRETRY retry
      SetErrorLevel ${EXIT_HARBOUR_OPEN}
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd
!macroend
!insertmacro HARBOUR_MUST_BE_CLOSED ""
!insertmacro HARBOUR_MUST_BE_CLOSED "un."

Section "Harbour" SecHarbour
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  Call HarbourMustBeClosed

  DetailPrint "Copying Harbour's files"
  File "${SRCDIR}\harbour.exe"
  File "${SRCDIR}\WebView2Loader.dll"
  File "/oname=harbour.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  DetailPrint "Adding Harbour to the Start menu"
  CreateShortcut "$SMPROGRAMS\Harbour.lnk" "$INSTDIR\harbour.exe" "" "$INSTDIR\harbour.ico" 0 SW_SHOWNORMAL "" "Harbour"

  ; Apps & features (Settings > Apps), for this user only.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\harbour.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; ---------------------------------------------------------------------------------------------
; Uninstaller

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Call un.HarbourMustBeClosed

  ; Only what this installer put there. The family's own data is deliberately left alone: Harbour
  ; keeps it, encrypted, in %APPDATA%\uk.org.harbour.desktop (Tauri's app data folder for
  ; ${APP_IDENTIFIER}), and %LOCALAPPDATA%\uk.org.harbour.desktop holds the web view's working files.
  ; Neither is touched, so setting Harbour up again finds everything as it was. Packs an agency put in
  ; %ProgramData%\Harbour\packs are for every user of the computer and are not touched either.
  Delete "$INSTDIR\harbour.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\harbour.ico"
  Delete "$INSTDIR\Uninstall.exe"
  Delete "$SMPROGRAMS\Harbour.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; Only if it is now empty: never remove files this installer did not put there.
  RMDir "$INSTDIR"
  DetailPrint "Your family's saved information has been kept."
SectionEnd
