#include "infocheck.h"
#include <QTest>
class TestInfoFixtures : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() {}
};
QTEST_GUILESS_MAIN(TestInfoFixtures)
#include "tst_infofixtures.moc"
