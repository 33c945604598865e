// Placeholder until its issue-4 work lands.
#include <QtTest>

class TestObjectInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_GUILESS_MAIN(TestObjectInspector)
#include "tst_objectinspector.moc"
