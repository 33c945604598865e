// Placeholder until its issue-4 work lands.
#include <QtTest>

class TestInspectorPanels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_GUILESS_MAIN(TestInspectorPanels)
#include "tst_inspectorpanels.moc"
