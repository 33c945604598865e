// Placeholder until its issue-4 work lands.
#include <QtTest>

class TestInfoJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_GUILESS_MAIN(TestInfoJson)
#include "tst_infojson.moc"
