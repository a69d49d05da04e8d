<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
    <context>
        <name>GoLivePanel</name>
        <message numerus="yes">
            <location filename="../../pos_app/ui/settings/golive_panel.py" />
            <source>%n shop(s) listed.</source>
            <translation>
                <numerusform>%n shop listed.</numerusform>
                <numerusform>%n shops listed.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Loyalty</name>
        <message numerus="yes">
            <location filename="../../pos_app/ui/loyalty/messages.py" />
            <source>%n stamp(s) given on %2: %3 of %4.</source>
            <translation>
                <numerusform>%n stamp given on %2: %3 of %4.</numerusform>
                <numerusform>%n stamps given on %2: %3 of %4.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/messages.py" />
            <source>The loyalty service is busy. Retrying automatically in %n second(s)…</source>
            <translation>
                <numerusform>The loyalty service is busy. Retrying automatically in %n second…</numerusform>
                <numerusform>The loyalty service is busy. Retrying automatically in %n seconds…</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Time</name>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n minute(s) ago</source>
            <translation>
                <numerusform>%n minute ago</numerusform>
                <numerusform>%n minutes ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n hour(s) ago</source>
            <translation>
                <numerusform>%n hour ago</numerusform>
                <numerusform>%n hours ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n month(s) ago</source>
            <translation>
                <numerusform>%n month ago</numerusform>
                <numerusform>%n months ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pos_app/ui/common/formatting.py" />
            <source>%n year(s) ago</source>
            <translation>
                <numerusform>%n year ago</numerusform>
                <numerusform>%n years ago</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>UnlockWidget</name>
        <message numerus="yes">
            <location filename="../../pos_app/ui/manager/unlock_widget.py" />
            <source>Too many wrong PINs. Try again in %n second(s).</source>
            <translation>
                <numerusform>Too many wrong PINs. Try again in %n second.</numerusform>
                <numerusform>Too many wrong PINs. Try again in %n seconds.</numerusform>
            </translation>
        </message>
    </context>
</TS>
