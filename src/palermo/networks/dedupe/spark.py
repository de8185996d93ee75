"""A Spark session for Splink: local mode by default, a cluster through the environment or Spark's own conf.

PALERMO_SPARK_MASTER   the master URL (default `local[*]`; e.g. `spark://host:7077`, `yarn`, `k8s://…`)
PALERMO_SPARK_CHECKPOINT_DIR  where intermediate tables go (default: a temporary folder; on a cluster, a
                       folder every executor can reach, e.g. `hdfs:///tmp/palermo`)
PALERMO_SPARK_CONF     extra settings, `key=value` separated by `;` (e.g. `spark.executor.memory=8g`)
Spark's own `$SPARK_CONF_DIR/spark-defaults.conf` is read as usual and yields to these two.
"""

import os
import tempfile
from typing import Any


def spark_conf() -> dict[str, str]:
    """The settings Palermo gives Spark: Splink's similarity functions, few shuffle partitions locally."""
    from splink.backends.spark import similarity_jar_location

    master = os.environ.get("PALERMO_SPARK_MASTER", "local[*]")
    conf = {
        "spark.master": master,
        "spark.app.name": "palermo-dedupe-records",
        "spark.jars": similarity_jar_location(),
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.adaptive.enabled": "true",
    }
    if master.startswith("local"):
        conf["spark.driver.host"] = conf["spark.driver.bindAddress"] = "127.0.0.1"
        # The default of 200 shuffle partitions makes small local jobs wait on scheduling, not work.
        conf["spark.sql.shuffle.partitions"] = "2"
        conf["spark.default.parallelism"] = "2"
        conf["spark.driver.memory"] = os.environ.get("PALERMO_SPARK_DRIVER_MEMORY", "4g")
    for setting in os.environ.get("PALERMO_SPARK_CONF", "").split(";"):
        key, _equals, value = setting.partition("=")
        if key.strip() and value.strip():
            conf[key.strip()] = value.strip()
    return conf


def spark_session() -> Any:
    """Get (or create) the session; the Java VM starts on the first call."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder
    for key, value in spark_conf().items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    checkpoints = os.environ.get("PALERMO_SPARK_CHECKPOINT_DIR") or tempfile.mkdtemp(prefix="palermo-spark-")
    session.sparkContext.setCheckpointDir(checkpoints)
    return session
