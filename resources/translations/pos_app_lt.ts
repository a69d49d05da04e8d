<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="lt_LT" sourcelanguage="en">
    <context>
        <name>CameraPanel</name>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Camera off</source>
            <translation>Kamera išjungta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Start camera</source>
            <translation>Įjungti kamerą</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Camera on</source>
            <translation>Kamera įjungta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Stop camera</source>
            <translation>Išjungti kamerą</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Decoder restarted</source>
            <translation>Kodų skaitytuvas paleistas iš naujo</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Code decoder unavailable: %1</source>
            <translation>Kodų skaitytuvas nepasiekiamas: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Opening camera…</source>
            <translation>Jungiama kamera…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Camera reconnected</source>
            <translation>Kamera vėl prijungta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Camera disconnected — reconnecting…</source>
            <translation>Kamera atsijungė — jungiamasi iš naujo…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>No camera found</source>
            <translation>Kamera nerasta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/panel.py" />
            <source>Camera not found — retrying…</source>
            <translation>Kamera nerasta — bandoma dar kartą…</translation>
        </message>
    </context>
    <context>
        <name>CameraPicker</name>
        <message>
            <location filename="../../pos_app/ui/camera/picker.py" />
            <source>0 = first camera, or a video file</source>
            <translation>0 = pirmoji kamera arba vaizdo failas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/camera/picker.py" />
            <source>%1 (device %2, %3)</source>
            <translation>%1 (įrenginys %2, %3)</translation>
        </message>
    </context>
    <context>
        <name>ConnectionPage</name>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Production</source>
            <translation>Darbinė</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Staging (test data)</source>
            <translation>Bandomoji (testiniai duomenys)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Custom address</source>
            <translation>Kitas adresas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Saved; type a new secret to replace it</source>
            <translation>Išsaugota; įveskite naują slaptąjį raktą, jei norite jį pakeisti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>API secret</source>
            <translation>API slaptasis raktas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Forget saved key and secret</source>
            <translation>Pamiršti išsaugotą raktą ir slaptąjį raktą</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Test connection</source>
            <translation>Tikrinti ryšį</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Environment:</source>
            <translation>Aplinka:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Address:</source>
            <translation>Adresas:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>API key:</source>
            <translation>API raktas:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>API secret:</source>
            <translation>API slaptasis raktas:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Enter the API address as https://… (plain http:// only to this computer).</source>
            <translation>Įveskite API adresą kaip https://… (paprastas http:// leidžiamas tik šiam kompiuteriui).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Enter the API secret too.</source>
            <translation>Įveskite ir API slaptąjį raktą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Enter the API key too.</source>
            <translation>Įveskite ir API raktą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Enter the API key and secret first.</source>
            <translation>Pirmiausia įveskite API raktą ir slaptąjį raktą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Cannot test now: the network loop is not running.</source>
            <translation>Dabar patikrinti negalima: neveikia tinklo ciklas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Testing the connection…</source>
            <translation>Tikrinamas ryšys…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>The server says these credentials are not valid.</source>
            <translation>Serveris praneša, kad šie prisijungimo duomenys negalioja.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>unknown partner</source>
            <translation>nežinomas partneris</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Connected: %1 (%2).</source>
            <translation>Prisijungta: %1 (%2).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Note: the server says this is not the environment chosen above.</source>
            <translation>Dėmesio: serveris praneša, kad tai ne ta aplinka, kuri pasirinkta viršuje.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>The API key or secret was not accepted.</source>
            <translation>API raktas arba slaptasis raktas nepriimtas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Could not reach %1. Check the address and the network.</source>
            <translation>Nepavyko pasiekti %1. Patikrinkite adresą ir tinklo ryšį.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Too many requests. Try again in a minute.</source>
            <translation>Per daug užklausų. Bandykite dar kartą po minutės.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>The loyalty service has a problem. Try again later.</source>
            <translation>Lojalumo paslaugoje sutrikimas. Bandykite vėliau.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>That address answered, but not like the Loyalty.lt API.</source>
            <translation>Šiuo adresu atsakyta, bet ne taip, kaip atsako Loyalty.lt API.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Unexpected error: %1</source>
            <translation>Netikėta klaida: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>The saved key and secret will be removed on Save.</source>
            <translation>Išsaugotas raktas ir slaptasis raktas bus pašalinti paspaudus „Išsaugoti“.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>no system keyring was found on this computer</source>
            <translation>šiame kompiuteryje nerasta sistemos slaptažodžių saugyklos</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>POS_API_KEY and POS_API_SECRET are set in the environment: they are used instead of what is saved here.</source>
            <translation>Aplinkos kintamieji POS_API_KEY ir POS_API_SECRET nustatyti: naudojami jie, o ne čia išsaugoti duomenys.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>Keyring unavailable (%1). Set the POS_API_KEY and POS_API_SECRET environment variables instead.</source>
            <translation>Sistemos slaptažodžių saugykla nepasiekiama (%1). Vietoj jos nustatykite aplinkos kintamuosius POS_API_KEY ir POS_API_SECRET.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>The API secret is stored in the system keyring.</source>
            <translation>API slaptasis raktas laikomas sistemos slaptažodžių saugykloje.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/connection_page.py" />
            <source>The API secret will be stored in the system keyring.</source>
            <translation>API slaptasis raktas bus laikomas sistemos slaptažodžių saugykloje.</translation>
        </message>
    </context>
    <context>
        <name>CouponDialog</name>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Coupon</source>
            <translation>Kuponas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Code</source>
            <translation>Kodas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Offer</source>
            <translation>Pasiūlymas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Reward</source>
            <translation>Prizas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Valid until</source>
            <translation>Galioja iki</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Customer</source>
            <translation>Klientas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Product</source>
            <translation>Produktas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Redeemed ✔</source>
            <translation>Panaudotas ✔</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Close (Esc)</source>
            <translation>Uždaryti (Esc)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Redeem (Enter)</source>
            <translation>Panaudoti (Enter)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>Dismiss (Esc)</source>
            <translation>Atmesti (Esc)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>no end</source>
            <translation>neribotai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/coupon_dialog.py" />
            <source>unknown</source>
            <translation>nežinomas</translation>
        </message>
    </context>
    <context>
        <name>CustomerDisplay</name>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>Loyalty.lt — for the customer</source>
            <translation>Loyalty.lt — pirkėjui</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>Welcome</source>
            <translation>Sveiki atvykę</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>Hello, %1!</source>
            <translation>Sveiki, %1!</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>Hello!</source>
            <translation>Sveiki!</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>%1 points</source>
            <translation>Taškų: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>worth %1</source>
            <translation>vertė %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>Discount: %1</source>
            <translation>Nuolaida: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>To pay: %1</source>
            <translation>Mokėti: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>Scan this code with the Loyalty.lt app</source>
            <translation>Nuskaitykite šį kodą programėle Loyalty.lt</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>Thank you — new balance %1</source>
            <translation>Ačiū — naujas likutis %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>Thank you</source>
            <translation>Ačiū</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/customer_display/window.py" />
            <source>Stamp card complete! Your reward: %1</source>
            <translation>Antspaudų kortelė užpildyta! Jūsų prizas: %1</translation>
        </message>
    </context>
    <context>
        <name>CustomerPanel</name>
        <message>
            <location filename="../../pos_app/ui/checkout/customer_panel.py" />
            <source>points</source>
            <translation>tšk.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/customer_panel.py" />
            <source>Card</source>
            <translation>Kortelė</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/customer_panel.py" />
            <source>Card name</source>
            <translation>Kortelės pavadinimas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/customer_panel.py" />
            <source>Partner</source>
            <translation>Partneris</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/customer_panel.py" />
            <source>Balance</source>
            <translation>Taškų likutis</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/customer_panel.py" />
            <source>Worth</source>
            <translation>Vertė</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/customer_panel.py" />
            <source>Customer</source>
            <translation>Pirkėjas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/customer_panel.py" />
            <source>No customer name on this card</source>
            <translation>Šioje kortelėje pirkėjo vardo nėra</translation>
        </message>
    </context>
    <context>
        <name>DisplaySoundPage</name>
        <message>
            <location filename="../../pos_app/ui/settings/display_sound_page.py" />
            <source>On a second screen when there is one</source>
            <translation>Antrame ekrane, jei jis yra</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/display_sound_page.py" />
            <source>Off</source>
            <translation>Išjungta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/display_sound_page.py" />
            <source>On the screen %1</source>
            <translation>Ekrane %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/display_sound_page.py" />
            <source>The customer display changes at the next start.</source>
            <translation>Pirkėjo ekranas pasikeis kitą kartą paleidus kasą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/display_sound_page.py" />
            <source>Play a tone for each scan</source>
            <translation>Skambėti po kiekvieno nuskaitymo</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/display_sound_page.py" />
            <source>Volume</source>
            <translation>Garsumas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/display_sound_page.py" />
            <source>Customer display:</source>
            <translation>Pirkėjo ekranas:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/display_sound_page.py" />
            <source>Volume:</source>
            <translation>Garsumas:</translation>
        </message>
    </context>
    <context>
        <name>GoLive</name>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>API key and secret</source>
            <translation>API raktas ir slaptažodis</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>Shops list</source>
            <translation>Parduotuvių sąrašas</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>Card lookup</source>
            <translation>Kortelės paieška</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>QR card session</source>
            <translation>QR kortelės sesija</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>accepted for %1 (partner %2), %3 environment</source>
            <translation>priimta: %1 (partneris %2), aplinka %3</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>accepted for %1 (partner %2), but the server is the %3 environment and this till is set to %4: check the environment in Settings</source>
            <translation>priimta: %1 (partneris %2), bet serverio aplinka yra %3, o ši kasa nustatyta aplinkai %4: patikrinkite aplinką nustatymuose</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>the server says these credentials are not valid</source>
            <translation>serveris sako, kad šie prisijungimo duomenys negalioja</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>%1 shop(s); this till sells as %2 (shop %3)</source>
            <translation>parduotuvių: %1; ši kasa parduoda kaip %2 (parduotuvė %3)</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>one shop, %1 (shop %2): this till uses it automatically</source>
            <translation>viena parduotuvė, %1 (parduotuvė %2): ši kasa ją naudoja automatiškai</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>%1 shops and none chosen for this till: choose its shop in Settings</source>
            <translation>parduotuvių: %1, o šiai kasai nė viena nepasirinkta: pasirinkite ją nustatymuose</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>this till's shop %1 is not among the partner's %2 active shop(s): choose again in Settings</source>
            <translation>šios kasos parduotuvės %1 nėra tarp partnerio aktyvių parduotuvių (jų: %2): pasirinkite iš naujo nustatymuose</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>the server lists no active shop for this partner</source>
            <translation>serveris nerodo nė vienos aktyvios šio partnerio parduotuvės</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>card %1 found: %2 points</source>
            <translation>kortelė %1 rasta, taškų: %2</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>card %1 found: %2 points, but it has no customer account, so it cannot take a sale</source>
            <translation>kortelė %1 rasta, taškų: %2, bet ji nesusieta su kliento paskyra, todėl pardavimo su ja užregistruoti negalima</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>a session opened and was left to expire on its own</source>
            <translation>sesija atidaryta ir paliekama baigtis savaime</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>refused (%1)</source>
            <translation>atmesta (%1)</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>no answer: %1</source>
            <translation>nėra atsakymo: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>the answer could not be read: %1</source>
            <translation>atsakymo nepavyko perskaityti: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>failed: %1</source>
            <translation>nepavyko: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>not tried: the server refused the key and secret</source>
            <translation>nebandyta: serveris atmetė raktą ir slaptažodį</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive.py" />
            <source>not tried: the server could not be reached</source>
            <translation>nebandyta: nepavyko pasiekti serverio</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive_cli.py" />
            <source>Go-live check against %1</source>
            <translation>Pasirengimo darbui patikra: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive_cli.py" />
            <source>%1 (demo sandbox)</source>
            <translation>%1 (demonstracinis serveris)</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive_cli.py" />
            <source>All checks passed.</source>
            <translation>Visi patikrinimai sėkmingi.</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive_cli.py" />
            <source>%1 of %2 checks failed.</source>
            <translation>Nepavyko patikrinimų: %1 iš %2.</translation>
        </message>
        <message>
            <location filename="../../pos_app/boot/golive_cli.py" />
            <source>none configured. Enter them in Settings, or set POS_API_KEY and POS_API_SECRET.</source>
            <translation>nenustatyti. Įveskite juos nustatymuose arba nustatykite POS_API_KEY ir POS_API_SECRET.</translation>
        </message>
    </context>
    <context>
        <name>GoLivePanel</name>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Load shops</source>
            <translation>Įkelti parduotuves</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Check connection</source>
            <translation>Pasirengimo patikra</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>This till's shop:</source>
            <translation>Šios kasos parduotuvė:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Card lookup deadline:</source>
            <translation>Kortelės paieškos laiko riba:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Card to check:</source>
            <translation>Tikrinama kortelė:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Loading the shops…</source>
            <translation>Įkeliamos parduotuvės…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Checking the connection…</source>
            <translation>Tikrinamas ryšys…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Cannot check now: the network loop is not running.</source>
            <translation>Dabar patikrinti negalima: tinklo ciklas neveikia.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Could not check: %1</source>
            <translation>Nepavyko patikrinti: %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>%n shop(s) listed.</source>
            <translation>
                <numerusform>Rasta %n parduotuvė.</numerusform>
                <numerusform>Rastos %n parduotuvės.</numerusform>
                <numerusform>Rasta %n parduotuvių.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>The only shop was chosen for this till; Save keeps it.</source>
            <translation>Pasirinkta vienintelė parduotuvė; išsaugokite, kad liktų.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>This till's shop is not in the list: choose again.</source>
            <translation>Šios kasos parduotuvės sąraše nėra: pasirinkite iš naujo.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Every check passed.</source>
            <translation>Visi patikrinimai sėkmingi.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>Not ready: fix what is marked ✘ and check again.</source>
            <translation>Dar neparuošta: ištaisykite tai, kas pažymėta ✘, ir patikrinkite dar kartą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>None chosen</source>
            <translation>Nepasirinkta</translation>
        </message>
    </context>
    <context>
        <name>Loyalty</name>
        <message numerus="yes">
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>%n stamp(s) given on %2: %3 of %4.</source>
            <translation>
                <numerusform>Kortelėje „%2“ uždėtas %n antspaudas: %3 iš %4.</numerusform>
                <numerusform>Kortelėje „%2“ uždėti %n antspaudai: %3 iš %4.</numerusform>
                <numerusform>Kortelėje „%2“ uždėta %n antspaudų: %3 iš %4.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Coupon %1 has already been used. Do not give the reward again.</source>
            <translation>Kuponas %1 jau panaudotas. Prizo antrą kartą neduokite.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Coupon %1 has expired and can no longer be redeemed.</source>
            <translation>Kupono %1 galiojimas baigėsi, jo panaudoti nebegalima.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Coupon %1 is being redeemed at another shop, so it cannot be used here. Ask the customer, or try again once that shop has finished.</source>
            <translation>Kuponas %1 šiuo metu naudojamas kitoje parduotuvėje, todėl čia jo panaudoti negalima. Pasiteiraukite kliento arba bandykite dar kartą, kai ta parduotuvė baigs.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Loyalty.lt does not know coupon %1. Check the code or scan it again.</source>
            <translation>Loyalty.lt nežino kupono %1. Patikrinkite kodą arba nuskenuokite dar kartą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>This card is blocked at this business: no stamps were given.</source>
            <translation>Ši kortelė šioje įmonėje užblokuota: antspaudų neduota.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Loyalty.lt no longer runs this stamp card here: no stamps were given.</source>
            <translation>Loyalty.lt čia nebevykdo šios antspaudų kortelės: antspaudų neduota.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Loyalty.lt is busy. Try again in %1 s.</source>
            <translation>Loyalty.lt užimta. Bandykite dar kartą po %1 s.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Loyalty.lt is busy. Try again in a moment.</source>
            <translation>Loyalty.lt užimta. Bandykite dar kartą po akimirkos.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Loyalty.lt rejected this till's credentials: check the API key in Settings.</source>
            <translation>Loyalty.lt atmetė šio kasos aparato prisijungimo duomenis: patikrinkite API raktą nustatymuose.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Cannot reach Loyalty.lt. Check the network.</source>
            <translation>Nepavyksta pasiekti Loyalty.lt. Patikrinkite tinklą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Loyalty.lt is having trouble. Try again soon.</source>
            <translation>Loyalty.lt kilo nesklandumų. Netrukus bandykite dar kartą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Loyalty.lt sent an answer the till cannot read.</source>
            <translation>Loyalty.lt atsiuntė atsakymą, kurio kasa negali perskaityti.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Loyalty.lt refused the request.</source>
            <translation>Loyalty.lt atmetė užklausą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Choose this till's shop in Settings to use stamp cards and coupons.</source>
            <translation>Norėdami naudoti antspaudų korteles ir kuponus, nustatymuose pasirinkite šios kasos parduotuvę.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Checking coupon %1…</source>
            <translation>Tikrinamas kuponas %1…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Redeeming the coupon with Loyalty.lt…</source>
            <translation>Kuponas panaudojamas per Loyalty.lt…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Valid. Press Enter to redeem it, or Esc to dismiss.</source>
            <translation>Galioja. Paspauskite Enter, kad panaudotumėte, arba Esc, kad atmestumėte.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Choose the product the customer takes, then press Enter.</source>
            <translation>Pasirinkite produktą, kurį ima klientas, tada paspauskite Enter.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Redeemed, confirmed by Loyalty.lt at %1. Give the customer the reward.</source>
            <translation>Panaudotas, Loyalty.lt patvirtino %1. Įteikite klientui prizą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>The answer was lost, but Loyalty.lt now shows the coupon as used: it was redeemed. Give the customer the reward.</source>
            <translation>Atsakymas dingo, bet Loyalty.lt dabar rodo kuponą kaip panaudotą: jis panaudotas. Įteikite klientui prizą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>The coupon was not redeemed (Loyalty.lt still shows it unused). %1</source>
            <translation>Kuponas nepanaudotas (Loyalty.lt vis dar rodo jį nepanaudotą). %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>The answer was lost and the coupon could not be checked again. Do not give the reward yet: scan the coupon again in a moment to see whether it was used.</source>
            <translation>Atsakymas dingo, o kupono nepavyko patikrinti dar kartą. Prizo dar neduokite: po akimirkos nuskenuokite kuponą dar kartą ir pažiūrėkite, ar jis panaudotas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Giving the stamp…</source>
            <translation>Dedamas antspaudas…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>The stamp is kept on this till and will be given once Loyalty.lt confirms it; it is never given twice.</source>
            <translation>Antspaudas išsaugotas šioje kasoje ir bus uždėtas, kai Loyalty.lt jį patvirtins; dukart jis niekada neuždedamas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>The stamp will be given once Loyalty.lt confirms the sale.</source>
            <translation>Antspaudas bus uždėtas, kai Loyalty.lt patvirtins pardavimą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>The stamp journal cannot be opened: stamps are off on this till.</source>
            <translation>Nepavyksta atidaryti antspaudų žurnalo: šioje kasoje antspaudai išjungti.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>Stamp cards and coupons are not shown now: the Loyalty.lt allowance is kept for cards and sales. They show again with the next customer.</source>
            <translation>Antspaudų kortelės ir kuponai dabar nerodomi: Loyalty.lt užklausų limitas taupomas kortelėms ir pardavimams. Jie vėl bus rodomi su kitu klientu.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>That is not a coupon code (K and 8 to 12 digits). Nothing was redeemed.</source>
            <translation>Tai ne kupono kodas (K ir 8–12 skaitmenų). Niekas nepanaudota.</translation>
        </message>
    </context>
    <context>
        <name>LoyaltyProgramsPanel</name>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>none</source>
            <translation>nė vieno</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Stamps with this sale</source>
            <translation>Antspaudai už šį pirkinį</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Stamps with this sale (F7); none: no stamp</source>
            <translation>Antspaudai už šį pirkinį (F7); „nė vieno“: be antspaudo</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Coupons</source>
            <translation>Kuponai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Redeem (F8)</source>
            <translation>Panaudoti (F8)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Last transactions, every till and web shop</source>
            <translation>Paskutinės operacijos visose kasose ir e. parduotuvėje</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Date</source>
            <translation>Data</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Type</source>
            <translation>Tipas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Points</source>
            <translation>Taškai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Amount</source>
            <translation>Suma</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>Shop</source>
            <translation>Parduotuvė</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>web shop</source>
            <translation>e. parduotuvė</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>purchase</source>
            <translation>pirkimas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>refund</source>
            <translation>grąžinimas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>points redeemed</source>
            <translation>panaudoti taškai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>bonus</source>
            <translation>premija</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>adjustment</source>
            <translation>koregavimas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>until %1</source>
            <translation>iki %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>%1 of %2 stamps</source>
            <translation>%1 iš %2 antspaudų</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/programs_panel.py" />
            <source>complete</source>
            <translation>užpildyta</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>DEMO — practice sandbox, no real customers or points</source>
            <translation>DEMO — mokomoji aplinka, jokių tikrų pirkėjų ar taškų</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>Card (F2)</source>
            <translation>Kortelė (F2)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>Scan or type a card number, then Enter</source>
            <translation>Nuskenuokite arba įveskite kortelės numerį ir paspauskite Enter</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>Card number</source>
            <translation>Kortelės numeris</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>Look up</source>
            <translation>Ieškoti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>QR card (F4)</source>
            <translation>QR kortelė (F4)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>Sales today</source>
            <translation>Šiandienos pardavimai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>Settings</source>
            <translation>Nustatymai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>F2 card  ·  F3 order total  ·  F4 QR card  ·  F5 retry  ·  F6 camera  ·  Ctrl+Enter or F12 complete the sale  ·  Esc clear / new sale  ·  Ctrl+, settings</source>
            <translation>F2 kortelė  ·  F3 užsakymo suma  ·  F4 QR kortelė  ·  F5 kartoti  ·  F6 kamera  ·  Ctrl+Enter arba F12 užbaigti pardavimą  ·  Esc išvalyti / naujas pardavimas  ·  Ctrl+, nustatymai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/main_window.py" />
            <source>Unlock the manager view to see today's sales</source>
            <translation>Atrakinkite vadovo rodinį, kad matytumėte šiandienos pardavimus</translation>
        </message>
    </context>
    <context>
        <name>ManagerPage</name>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>4–12 digits; empty keeps the current PIN</source>
            <translation>4–12 skaitmenų; palikus tuščią, lieka dabartinis PIN kodas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>Remove the manager PIN</source>
            <translation>Pašalinti vadovo PIN kodą</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>Scan or type the manager badge code</source>
            <translation>Nuskenuokite arba įveskite vadovo kortelės kodą</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>min</source>
            <translation>min.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>New manager PIN:</source>
            <translation>Naujas vadovo PIN kodas:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>Repeat the new PIN:</source>
            <translation>Pakartokite naują PIN kodą:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>Manager badge:</source>
            <translation>Vadovo kortelė:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>Lock the manager view after idle:</source>
            <translation>Užrakinti vadovo rodinį po neveiklumo:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>The manager PIN will be removed on Save.</source>
            <translation>Vadovo PIN kodas bus pašalintas paspaudus „Išsaugoti“.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>A manager PIN is set.</source>
            <translation>Vadovo PIN kodas nustatytas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>No manager PIN is set.</source>
            <translation>Vadovo PIN kodas nenustatytas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>The manager PIN must be 4 to 12 digits.</source>
            <translation>Vadovo PIN kodą turi sudaryti nuo 4 iki 12 skaitmenų.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/manager_page.py" />
            <source>The two PINs differ. Type the new PIN twice.</source>
            <translation>PIN kodai nesutampa. Du kartus įveskite tą patį naują PIN kodą.</translation>
        </message>
    </context>
    <context>
        <name>ManagerPanel</name>
        <message>
            <location filename="../../pos_app/ui/manager/panel.py" />
            <source>Manager</source>
            <translation>Vadovo skiltis</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/panel.py" />
            <source>Lock</source>
            <translation>Užrakinti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/panel.py" />
            <source>Last used</source>
            <translation>Paskutinį kartą naudota</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/panel.py" />
            <source>Transactions</source>
            <translation>Operacijos</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/panel.py" />
            <source>Card id</source>
            <translation>Kortelės ID</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/panel.py" />
            <source>Created</source>
            <translation>Sukurta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/panel.py" />
            <source>locked</source>
            <translation>užrakinta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/panel.py" />
            <source>unlocked</source>
            <translation>atrakinta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/panel.py" />
            <source>never</source>
            <translation>niekada</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <location filename="../../pos_app/app/settings_hook.py" />
            <source>Saved. Restart the till to use the new connection.</source>
            <translation>Išsaugota. Paleiskite kasą iš naujo, kad būtų naudojamas naujas ryšys.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>The loyalty service is busy. Retrying automatically in %n second(s)…</source>
            <translation>
                <numerusform>Lojalumo paslauga užimta. Automatiškai bandoma dar kartą po %n sekundės…</numerusform>
                <numerusform>Lojalumo paslauga užimta. Automatiškai bandoma dar kartą po %n sekundžių…</numerusform>
                <numerusform>Lojalumo paslauga užimta. Automatiškai bandoma dar kartą po %n sekundžių…</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Looking up card %1…</source>
            <translation>Ieškoma kortelė %1…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Card %1 not found. Check the number or scan again.</source>
            <translation>Kortelė %1 nerasta. Patikrinkite numerį arba nuskenuokite dar kartą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Nothing was scanned.</source>
            <translation>Niekas nenuskenuota.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>That code isn't a loyalty card.</source>
            <translation>Šis kodas nėra lojalumo kortelė.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>That code is too long to be a loyalty card.</source>
            <translation>Šis kodas per ilgas, kad būtų lojalumo kortelė.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>That code could not be read reliably.</source>
            <translation>Šio kodo nepavyko patikimai nuskaityti.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Could not read that code.</source>
            <translation>Nepavyko nuskaityti kodo.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Scan again or type the card number.</source>
            <translation>Nuskenuokite dar kartą arba įveskite kortelės numerį.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>The loyalty service rejected this till's credentials: check the API key in Settings.</source>
            <translation>Lojalumo paslauga atmetė šios kasos prisijungimo duomenis: patikrinkite API raktą nustatymuose.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Cannot reach the loyalty service. Check the network, then press Retry (F5).</source>
            <translation>Nepavyksta pasiekti lojalumo paslaugos. Patikrinkite tinklo ryšį ir spauskite „Kartoti“ (F5).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>The loyalty service is having trouble. Press Retry (F5) in a moment.</source>
            <translation>Lojalumo paslaugoje sutrikimas. Po akimirkos spauskite „Kartoti“ (F5).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>The loyalty service sent an answer the till cannot read. Press Retry (F5).</source>
            <translation>Lojalumo paslauga atsiuntė atsakymą, kurio kasa negali perskaityti. Spauskite „Kartoti“ (F5).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>The loyalty service refused this card number.</source>
            <translation>Lojalumo paslauga atmetė šį kortelės numerį.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Something went wrong in the till. Press Retry (F5); if it repeats, call support.</source>
            <translation>Kasoje įvyko klaida. Spauskite „Kartoti“ (F5); jei kartojasi, skambinkite pagalbos tarnybai.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Manager view unlocked.</source>
            <translation>Vadovo rodinys atrakintas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>A typed badge number does not unlock. Scan the badge or enter the PIN.</source>
            <translation>Ranka įvestas vadovo kortelės numeris neatrakina. Nuskenuokite vadovo kortelę arba įveskite PIN.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>A typed badge number does not unlock. Scan the manager badge.</source>
            <translation>Ranka įvestas vadovo kortelės numeris neatrakina. Nuskenuokite vadovo kortelę.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Not redeeming: the customer keeps the points (Alt+U to use them).</source>
            <translation>Taškai nenaudojami: pirkėjas juos pasilieka (Alt+N – panaudoti).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Scan a card to redeem points.</source>
            <translation>Nuskenuokite kortelę, kad galėtumėte panaudoti taškus.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>This card cannot redeem points at this shop.</source>
            <translation>Šia kortele šioje parduotuvėje taškų panaudoti negalima.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Redemption is disabled for this card.</source>
            <translation>Šiai kortelei taškų panaudojimas išjungtas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>This card's redemption settings are broken: points cannot be redeemed.</source>
            <translation>Šios kortelės taškų panaudojimo nustatymai klaidingi: taškų panaudoti negalima.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>This card is inactive: points cannot be redeemed.</source>
            <translation>Ši kortelė neaktyvi: taškų panaudoti negalima.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>The balance is below the minimum of %1 points.</source>
            <translation>Taškų likutis mažesnis nei minimalus kiekis – %1 tšk.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>The order is too small to redeem the minimum of %1 points.</source>
            <translation>Užsakymo suma per maža, kad būtų galima panaudoti minimalų kiekį (%1 tšk.).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Capped by the card's maximum: %1 points per order.</source>
            <translation>Apribota kortelės maksimumu: %1 tšk. vienam užsakymui.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Capped by the order total: %1 points cover it.</source>
            <translation>Apribota užsakymo suma: ją padengia %1 tšk.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>Capped by the balance: %1 points.</source>
            <translation>Apribota taškų likučiu: %1 tšk.</translation>
        </message>
    </context>
    <context>
        <name>QrDialog</name>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>Show QR to the customer</source>
            <translation>Rodyti QR kodą pirkėjui</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>QR code for the customer's phone</source>
            <translation>QR kodas pirkėjo telefonui</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>Opening a QR session…</source>
            <translation>Atveriama QR sesija…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>DEMO: simulate the customer's phone</source>
            <translation>DEMO: imituoti pirkėjo telefoną</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>Cancel</source>
            <translation>Atšaukti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>Ask the customer to scan this code with the Loyalty.lt app.</source>
            <translation>Paprašykite pirkėjo nuskenuoti šį kodą programėle „Loyalty.lt“.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>Waiting for the customer's phone…</source>
            <translation>Laukiama pirkėjo telefono…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>The previous code expired; this is a new one.</source>
            <translation>Ankstesnio kodo galiojimas baigėsi; tai naujas kodas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>Code valid until %1.</source>
            <translation>Kodas galioja iki %1.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>%1 Still trying…</source>
            <translation>%1 Vis dar bandoma…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>Card received.</source>
            <translation>Kortelė gauta.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>Demo phone failed: %1</source>
            <translation>Demonstracinio telefono klaida: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/qr_dialog.py" />
            <source>The demo phone scanned the code…</source>
            <translation>Demonstracinis telefonas nuskenavo kodą…</translation>
        </message>
    </context>
    <context>
        <name>RedemptionPanel</name>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>Order total</source>
            <translation>Užsakymo suma</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>Points to redeem</source>
            <translation>Panaudojami taškai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>&amp;Use points</source>
            <translation>&amp;Naudoti taškus</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>&amp;Lowest</source>
            <translation>&amp;Mažiausiai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>&amp;Highest</source>
            <translation>&amp;Daugiausiai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>C&amp;over the order</source>
            <translation>&amp;Padengti užsakymą</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>Order total (F3)</source>
            <translation>Užsakymo suma (F3)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>Points</source>
            <translation>Taškai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>Discount</source>
            <translation>Nuolaida</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/redemption_panel.py" />
            <source>Left to pay</source>
            <translation>Liko mokėti</translation>
        </message>
    </context>
    <context>
        <name>RewardPanel</name>
        <message>
            <location filename="../../pos_app/ui/loyalty/reward_panel.py" />
            <source>Stamp card complete! Reward: %1</source>
            <translation>Antspaudų kortelė užpildyta! Prizas: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/reward_panel.py" />
            <source>Stamp card complete!</source>
            <translation>Antspaudų kortelė užpildyta!</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/reward_panel.py" />
            <source>Coupon valid until %1</source>
            <translation>Kuponas galioja iki %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/reward_panel.py" />
            <source>Coupon issued</source>
            <translation>Kuponas išduotas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/loyalty/reward_panel.py" />
            <source>The reward coupon is in the customer's coupons.</source>
            <translation>Prizo kuponas yra tarp kliento kuponų.</translation>
        </message>
    </context>
    <context>
        <name>SaleMessages</name>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Loyalty.lt cannot be reached: points cannot be redeemed now, because the balance cannot be trusted. Set the points to 0 to sell without a discount; the customer's points will be awarded when the service is back.</source>
            <translation>Nepavyksta pasiekti Loyalty.lt: taškų dabar panaudoti negalima, nes likučiu negalima pasitikėti. Nustatykite 0 taškų ir parduokite be nuolaidos; pirkėjo taškai bus suteikti, kai paslauga vėl veiks.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Cannot reach Loyalty.lt: nothing was redeemed and nothing was recorded. Redemption is blocked while the service is unreachable. Set the points to 0 to sell without a discount, or try again.</source>
            <translation>Nepavyksta pasiekti Loyalty.lt: taškai nepanaudoti ir niekas neužregistruota. Kol paslauga nepasiekiama, taškų panaudoti negalima. Nustatykite 0 taškų ir parduokite be nuolaidos arba bandykite dar kartą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Loyalty.lt refused to redeem %n point(s): the card's balance is too low or the points are outside its limits. Nothing was redeemed or recorded. Choose fewer points and complete again.</source>
            <translation>Loyalty.lt atsisakė panaudoti taškus (%n tšk.): kortelės likutis per mažas arba taškų kiekis viršija leistinas ribas. Niekas nepanaudota ir neužregistruota. Pasirinkite mažiau taškų ir užbaikite pardavimą dar kartą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Loyalty.lt did not accept the sale: %1. Nothing was recorded.</source>
            <translation>Loyalty.lt nepriėmė pardavimo: %1. Niekas neužregistruota.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>refused</source>
            <translation>atmesta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Loyalty.lt refused the sale: %1 Nothing was recorded.</source>
            <translation>Loyalty.lt atmetė pardavimą: %1 Niekas neužregistruota.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Sale complete: confirmed by Loyalty.lt. Take payment of %1.</source>
            <translation>Pardavimas užbaigtas: Loyalty.lt patvirtino. Priimkite mokėjimą: %1.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Sale complete: Loyalty.lt had already recorded this sale before the connection dropped: it was recorded once, nothing twice. The server does not repeat the points awarded for a repeated order. Take payment of %1.</source>
            <translation>Pardavimas užbaigtas: Loyalty.lt šį pardavimą užregistravo dar prieš nutrūkstant ryšiui – jis užregistruotas tik vieną kartą, niekas neįrašyta du kartus. Pakartotinio užsakymo atveju serveris suteiktų taškų skaičiaus dar kartą nepateikia. Priimkite mokėjimą: %1.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>The new balance could not be read yet.</source>
            <translation>Naujo likučio kol kas nepavyko gauti.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Sale closed without a loyalty customer. Take payment of %1.</source>
            <translation>Pardavimas užbaigtas be lojalumo programos pirkėjo. Priimkite mokėjimą: %1.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Loyalty.lt cannot be reached. The sale is saved on this till and its points will be awarded when the service is back. Take payment of %1.</source>
            <translation>Nepavyksta pasiekti Loyalty.lt. Pardavimas išsaugotas šioje kasoje, o taškai bus suteikti, kai paslauga vėl veiks. Priimkite mokėjimą: %1.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>No answer from Loyalty.lt: this sale may or may not have been recorded. Do not take payment with the discount yet. Press Retry: the same order is sent again and can never be recorded twice.</source>
            <translation>Loyalty.lt neatsako: nežinoma, ar šis pardavimas užregistruotas. Kol kas nepriimkite mokėjimo su nuolaida. Spauskite „Kartoti“: tas pats užsakymas bus išsiųstas dar kartą ir niekada nebus užregistruotas du kartus.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Loyalty.lt is busy (too many requests); the sale was not sent yet.</source>
            <translation>Loyalty.lt paslauga užimta (per daug užklausų); pardavimas dar neišsiųstas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/messages.py" />
            <source>Press Retry in %n second(s).</source>
            <translation>Spauskite „Kartoti“ po %n s.</translation>
        </message>
    </context>
    <context>
        <name>SaleNotices</name>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>The sales journal on this till is damaged.</source>
            <translation>Šios kasos pardavimų žurnalas sugadintas.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>The sales journal was written by a newer version of this till.</source>
            <translation>Pardavimų žurnalą įrašė naujesnė šios kasos versija.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>The sales journal cannot be written: the file or its folder is read-only.</source>
            <translation>Į pardavimų žurnalą negalima rašyti: failas arba jo aplankas skirtas tik skaityti.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>The sales journal is held by another program (another till on this computer?).</source>
            <translation>Pardavimų žurnalą užėmusi kita programa (gal kita kasa šiame kompiuteryje?).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>The sales journal cannot be used.</source>
            <translation>Pardavimų žurnalo naudoti negalima.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Restart the till to start a new journal, and tell the manager.</source>
            <translation>Paleiskite kasą iš naujo (bus pradėtas naujas žurnalas) ir praneškite vadovui.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Update the till, or ask the manager.</source>
            <translation>Atnaujinkite kasą arba kreipkitės į vadovą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Close the other program: the till tries again by itself.</source>
            <translation>Uždarykite kitą programą: kasa bandys dar kartą pati.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Ask the manager or support.</source>
            <translation>Kreipkitės į vadovą arba pagalbos tarnybą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>No sale can be completed now.</source>
            <translation>Dabar negalima užbaigti jokio pardavimo.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>It was kept for recovery, not deleted, as %1 in the same folder.</source>
            <translation>Jis neištrintas, o išsaugotas atkūrimui tame pačiame aplanke kaip %1.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>The sales journal is free again: sales can be completed.</source>
            <translation>Pardavimų žurnalas vėl laisvas: pardavimus galima užbaigti.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>This sale could not be saved on this till, so it was NOT sent to Loyalty.lt: nothing was redeemed or recorded. %1 Press Complete sale to try again.</source>
            <translation>Šio pardavimo nepavyko išsaugoti kasoje, todėl jis NEBUVO išsiųstas į Loyalty.lt: niekas nepanaudota ir neužregistruota. %1 Spauskite „Užbaigti pardavimą“ ir bandykite dar kartą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>This till could not save Loyalty.lt's answer in its sales journal (%1); the sale is checked again when the till restarts.</source>
            <translation>Kasai nepavyko išsaugoti Loyalty.lt atsakymo pardavimų žurnale (%1); pardavimas bus patikrintas dar kartą, kai kasa bus paleista iš naujo.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>card %1</source>
            <translation>kortelė %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>%n point(s) redeemed</source>
            <translation>panaudota taškų: %n</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>recorded by Loyalty.lt now</source>
            <translation>Loyalty.lt jį užregistravo dabar</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Loyalty.lt already had it: counted once, nothing twice</source>
            <translation>Loyalty.lt jį jau turėjo: įskaitytas vieną kartą, niekas du kartus</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>still being sent</source>
            <translation>dar siunčiamas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>refused by Loyalty.lt, nothing recorded</source>
            <translation>Loyalty.lt jį atmetė, niekas neužregistruota</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>not settled yet: Loyalty.lt could not be asked</source>
            <translation>dar neaišku: nepavyko pasiteirauti Loyalty.lt</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Earlier sale (%1): %2.</source>
            <translation>Ankstesnis pardavimas (%1): %2.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>NOT sent: this card's earlier sale is not settled yet. Press Complete sale again in a moment, or Esc to sell without loyalty.</source>
            <translation>NEIŠSIŲSTA: ankstesnis šios kortelės pardavimas dar neišaiškintas. Po akimirkos dar kartą spauskite „Užbaigti pardavimą“ arba Esc ir parduokite be lojalumo programos.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>NOT sent. The same purchase as the earlier sale? Press New sale. A new purchase? Press Complete sale again.</source>
            <translation>NEIŠSIŲSTA. Tas pats pirkinys kaip ankstesnis? Spauskite „Naujas pardavimas“. Naujas pirkinys? Dar kartą spauskite „Užbaigti pardavimą“.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Checked with Loyalty.lt: %n sale(s) left unfinished when the till last stopped.</source>
            <translation>Patikrinta su Loyalty.lt: kasai paskutinį kartą sustojus liko neužbaigtų pardavimų: %n.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Open ones are in Today's sales.</source>
            <translation>Neužbaigti – skiltyje „Šiandienos pardavimai“.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Do not ring them again.</source>
            <translation>Jų dar kartą neregistruokite.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Checked with Loyalty.lt: %n sale(s) left unfinished when the till last stopped (details under the order).</source>
            <translation>Patikrinta su Loyalty.lt: kasai paskutinį kartą sustojus liko neužbaigtų pardavimų: %n (išsamiau – po užsakymu).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>Retry it in Today's sales.</source>
            <translation>Pakartokite jį skiltyje „Šiandienos pardavimai“.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/notices.py" />
            <source>This card is not linked to a Loyalty.lt customer account, and Loyalty.lt records sales only for a customer: no points can be redeemed or earned with it. Complete sale closes the sale without loyalty.</source>
            <translation>Ši kortelė nesusieta su Loyalty.lt pirkėjo paskyra, o Loyalty.lt registruoja pardavimus tik pirkėjams: su ja taškų nei panaudoti, nei sukaupti negalima. „Užbaigti pardavimą“ užbaigs pardavimą be lojalumo programos.</translation>
        </message>
    </context>
    <context>
        <name>SalePanel</name>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Complete sale (F12)</source>
            <translation>Užbaigti pardavimą (F12)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Retry</source>
            <translation>Kartoti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>New sale (Esc)</source>
            <translation>Naujas pardavimas (Esc)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Points redeemed</source>
            <translation>Panaudota taškų</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Discount</source>
            <translation>Nuolaida</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Amount to pay</source>
            <translation>Mokėti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Points awarded</source>
            <translation>Suteikta taškų</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>New balance</source>
            <translation>Naujas likutis</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Sale at %1</source>
            <translation>Pardavimas kasoje %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Sending the sale to Loyalty.lt…</source>
            <translation>Pardavimas siunčiamas į Loyalty.lt…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Unexpected error: the sale is kept on this till and will be checked with Loyalty.lt again. Do not take payment with the discount yet.</source>
            <translation>Netikėta klaida: pardavimas išsaugotas šioje kasoje ir bus dar kartą patikrintas su Loyalty.lt. Kol kas nepriimkite mokėjimo su nuolaida.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>No sale can be completed: this till's sales journal cannot be used.</source>
            <translation>Negalima užbaigti jokio pardavimo: šios kasos pardavimų žurnalo naudoti negalima.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>The sale is being sent to Loyalty.lt.</source>
            <translation>Pardavimas siunčiamas į Loyalty.lt.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>This sale is done. New sale: Esc.</source>
            <translation>Šis pardavimas baigtas. Naujas pardavimas: Esc.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Wait: the card is being looked up.</source>
            <translation>Palaukite: kortelė ieškoma.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Enter the order total first (F3).</source>
            <translation>Pirmiausia įveskite užsakymo sumą (F3).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>Loyalty.lt cannot be reached, so no points can be redeemed: press Alt+U to sell without them.</source>
            <translation>Nepavyksta pasiekti Loyalty.lt, todėl taškų panaudoti negalima: paspauskite Alt+N ir parduokite be jų.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>This card has no Loyalty.lt customer: press Alt+U to sell without points.</source>
            <translation>Ši kortelė neturi Loyalty.lt pirkėjo: spauskite Alt+U ir parduokite be taškų.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>not reported</source>
            <translation>nepranešta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>not reported (recorded earlier)</source>
            <translation>nepranešta (užregistruota anksčiau)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>when Loyalty.lt is back</source>
            <translation>kai Loyalty.lt vėl veiks</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/panel.py" />
            <source>no loyalty customer</source>
            <translation>be lojalumo programos pirkėjo</translation>
        </message>
    </context>
    <context>
        <name>SaleStage</name>
        <message>
            <location filename="../../pos_app/ui/checkout/stage.py" />
            <source>Customer found: enter the order total (F3).</source>
            <translation>Pirkėjas rastas: įveskite užsakymo sumą (F3).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/stage.py" />
            <source>No points redeemed: choose points (Alt+U, Alt+L, Alt+H, Alt+O) or complete the sale as it is (Ctrl+Enter).</source>
            <translation>Taškai nepanaudoti: pasirinkite taškus (Alt+N, Alt+M, Alt+D, Alt+P) arba užbaikite pardavimą be jų (Ctrl+Enter).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/stage.py" />
            <source>Ready to complete the sale: Ctrl+Enter or F12.</source>
            <translation>Galima užbaigti pardavimą: Ctrl+Enter arba F12.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/stage.py" />
            <source>No loyalty card: scan one, or complete the sale without it (Ctrl+Enter).</source>
            <translation>Nėra lojalumo kortelės: nuskenuokite ją arba užbaikite pardavimą be jos (Ctrl+Enter).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/stage.py" />
            <source>Sending the sale to Loyalty.lt…</source>
            <translation>Pardavimas siunčiamas į Loyalty.lt…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/stage.py" />
            <source>Sale finished. Scan the next card, or press Esc for a new sale.</source>
            <translation>Pardavimas baigtas. Nuskenuokite kitą kortelę arba paspauskite Esc naujam pardavimui.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/checkout/stage.py" />
            <source>Ready: scan a card or type its number (F2).</source>
            <translation>Pasiruošta: nuskenuokite kortelę arba įveskite jos numerį (F2).</translation>
        </message>
    </context>
    <context>
        <name>SalesReport</name>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Time</source>
            <translation>Laikas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Card</source>
            <translation>Kortelė</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Total</source>
            <translation>Suma</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Points redeemed</source>
            <translation>Panaudota taškų</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Discount</source>
            <translation>Nuolaida</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Points awarded</source>
            <translation>Suteikta taškų</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>State</source>
            <translation>Būsena</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Send open sales now</source>
            <translation>Siųsti neužbaigtus pardavimus dabar</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Export CSV…</source>
            <translation>Eksportuoti CSV…</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Refresh</source>
            <translation>Atnaujinti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Not sent yet</source>
            <translation>Dar neišsiųsta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Sending / unconfirmed</source>
            <translation>Siunčiama / nepatvirtinta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Confirmed</source>
            <translation>Patvirtinta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Confirmed (already recorded)</source>
            <translation>Patvirtinta (jau buvo užregistruota)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Refused</source>
            <translation>Atmesta</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Queued: points to award</source>
            <translation>Eilėje: taškai bus suteikti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Unconfirmed: retry</source>
            <translation>Nepatvirtinta: kartoti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>No customer</source>
            <translation>Be pirkėjo</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Today's sales cannot be read now: %1</source>
            <translation>Šiandienos pardavimų dabar perskaityti nepavyksta: %1</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Retry</source>
            <translation>Kartoti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Today: %1 sales, %2 paid, %3 points redeemed, %4 awarded.</source>
            <translation>Šiandien: pardavimų – %1, sumokėta – %2, panaudota taškų – %3, suteikta – %4.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>%1 open: not confirmed by Loyalty.lt yet.</source>
            <translation>Neužbaigtų: %1 (Loyalty.lt dar nepatvirtino).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>%1 of them from earlier days.</source>
            <translation>Iš jų ankstesnių dienų: %1.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Export today's sales</source>
            <translation>Eksportuoti šiandienos pardavimus</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>SalesReportDialog</name>
        <message>
            <location filename="../../pos_app/ui/sale/report.py" />
            <source>Today's sales</source>
            <translation>Šiandienos pardavimai</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Settings</source>
            <translation>Nustatymai</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Connection</source>
            <translation>Ryšys</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>General</source>
            <translation>Bendrieji</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Scanner and camera</source>
            <translation>Skeneris ir kamera</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Manager</source>
            <translation>Vadovas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Display and sound</source>
            <translation>Ekranas ir garsas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Save</source>
            <translation>Išsaugoti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Cancel</source>
            <translation>Atšaukti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Connection and manager settings are locked.</source>
            <translation>Ryšio ir vadovo nustatymai užrakinti.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Tills that share one API key share its limit: lower this on each of them.</source>
            <translation>Kasos, naudojančios tą patį API raktą, dalijasi jo limitu: sumažinkite šią reikšmę kiekvienoje iš jų.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Language (screen and server messages):</source>
            <translation>Kalba (ekranas ir serverio pranešimai):</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Till name (shown to customers' phones):</source>
            <translation>Kasos pavadinimas (rodomas pirkėjų telefonuose):</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Requests per minute at most:</source>
            <translation>Daugiausia užklausų per minutę:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>ms</source>
            <translation>ms</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>USB scanner</source>
            <translation>USB skeneris</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Bluetooth scanner</source>
            <translation>Bluetooth skeneris</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Enter or Tab</source>
            <translation>Enter arba Tab</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Tab</source>
            <translation>Tab</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>None (end after a pause)</source>
            <translation>Niekuo (pabaiga po pauzės)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Use a camera to read QR codes</source>
            <translation>Skaityti QR kodus kamera</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Scanner type:</source>
            <translation>Skenerio tipas:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Longest pause between keys of one scan:</source>
            <translation>Ilgiausia pauzė tarp vieno skenavimo klavišų:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>A scan without terminator ends after:</source>
            <translation>Skenavimas be pabaigos ženklo baigiasi po:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Scanner ends each scan with:</source>
            <translation>Skeneris kiekvieną skenavimą baigia:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Camera:</source>
            <translation>Kamera:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>Decoder:</source>
            <translation>Dekoderis:</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/settings/dialog.py" />
            <source>The API key and secret could not be saved: %1</source>
            <translation>Nepavyko išsaugoti API rakto ir slaptojo rakto: %1</translation>
        </message>
    </context>
    <context>
        <name>StatusBanner</name>
        <message>
            <location filename="../../pos_app/ui/common/status_banner.py" />
            <source>Retry (F5)</source>
            <translation>Kartoti (F5)</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/status_banner.py" />
            <source>Ready: scan a card or type its number (F2).</source>
            <translation>Pasiruošta: nuskenuokite kortelę arba įveskite jos numerį (F2).</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/status_banner.py" />
            <source>Status</source>
            <translation>Būsena</translation>
        </message>
    </context>
    <context>
        <name>Time</name>
        <message>
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>never</source>
            <translation>niekada</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>in the future</source>
            <translation>ateityje</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>just now</source>
            <translation>ką tik</translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n minute(s) ago</source>
            <translation>
                <numerusform>prieš %n minutę</numerusform>
                <numerusform>prieš %n minutes</numerusform>
                <numerusform>prieš %n minučių</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n hour(s) ago</source>
            <translation>
                <numerusform>prieš %n valandą</numerusform>
                <numerusform>prieš %n valandas</numerusform>
                <numerusform>prieš %n valandų</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>prieš %n dieną</numerusform>
                <numerusform>prieš %n dienas</numerusform>
                <numerusform>prieš %n dienų</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n month(s) ago</source>
            <translation>
                <numerusform>prieš %n mėnesį</numerusform>
                <numerusform>prieš %n mėnesius</numerusform>
                <numerusform>prieš %n mėnesių</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n year(s) ago</source>
            <translation>
                <numerusform>prieš %n metus</numerusform>
                <numerusform>prieš %n metus</numerusform>
                <numerusform>prieš %n metų</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>UnlockWidget</name>
        <message>
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>Manager PIN</source>
            <translation>Vadovo PIN kodas</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>Unlock</source>
            <translation>Atrakinti</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>Wrong PIN. Try again.</source>
            <translation>Neteisingas PIN kodas. Bandykite dar kartą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>That is not the manager badge.</source>
            <translation>Tai ne vadovo kortelė.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>No manager PIN or badge is set. Set one in Settings to use this view.</source>
            <translation>Vadovo PIN kodas ar kortelė nenustatyti. Norėdami naudoti šį rodinį, nustatykite juos nustatymuose.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>Enter the manager PIN or scan the manager badge.</source>
            <translation>Įveskite vadovo PIN kodą arba nuskenuokite vadovo kortelę.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>Enter the manager PIN.</source>
            <translation>Įveskite vadovo PIN kodą.</translation>
        </message>
        <message>
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>Scan the manager badge.</source>
            <translation>Nuskenuokite vadovo kortelę.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>Too many wrong PINs. Try again in %n second(s).</source>
            <translation>
                <numerusform>Per daug neteisingų PIN kodų. Bandykite vėl po %n sekundės.</numerusform>
                <numerusform>Per daug neteisingų PIN kodų. Bandykite vėl po %n sekundžių.</numerusform>
                <numerusform>Per daug neteisingų PIN kodų. Bandykite vėl po %n sekundžių.</numerusform>
            </translation>
        </message>
    </context>
</TS>
