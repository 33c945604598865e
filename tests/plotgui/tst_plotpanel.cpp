#include <QtTest>
class TestPlotPanel : public QObject { Q_OBJECT };
QTEST_MAIN(TestPlotPanel)
#include "tst_plotpanel.moc"
