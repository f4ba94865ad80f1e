"""ClientConfig: endpoints per region, from_env precedence, secrets hidden."""

from __future__ import annotations

import pytest

from jupyterlab_modelarts.client import ClientConfig
from jupyterlab_modelarts.client.config import iam_endpoint, modelarts_endpoint


def test_region_endpoints():
    assert modelarts_endpoint("cn-north-4") == "https://modelarts.cn-north-4.myhuaweicloud.com"
    assert (
        modelarts_endpoint("ap-southeast-1") == "https://modelarts.ap-southeast-1.myhuaweicloud.cn"
    )
    assert iam_endpoint("cn-north-4") == "https://iam.cn-north-4.myhuaweicloud.com"
    config = ClientConfig(region="cn-east-3")
    assert config.modelarts_url("cn-east-3") == "https://modelarts.cn-east-3.myhuaweicloud.com"
    assert config.metadata_url() == "http://169.254.169.254"


def test_from_env_fills_only_what_overrides_leave_unset():
    env = {
        "MODELARTS_ENDPOINT": "http://127.0.0.1:1",
        "MODELARTS_IAM_ENDPOINT": "iam.example",
        "MODELARTS_METADATA_ENDPOINT": "http://127.0.0.1:2/",
        "MODELARTS_REGION": "cn-north-4",
        "HUAWEICLOUD_SDK_AK": "not-copied",
    }
    config = ClientConfig.from_env(env, region="cn-east-3", project_id=None, max_retries=5)
    assert config.region == "cn-east-3"  # explicit wins
    assert config.modelarts_url(config.region) == "http://127.0.0.1:1"
    assert config.iam_url(config.region) == "https://iam.example"
    assert config.metadata_url() == "http://127.0.0.1:2"
    assert config.max_retries == 5
    assert config.access_key is None  # credentials stay for the chain to report
    assert ClientConfig.from_env({"MODELARTS_REGION": "cn-north-4"}).region == "cn-north-4"


def test_repr_hides_secrets():
    config = ClientConfig(
        access_key="AKVISIBLE", secret_key="sk-hidden", security_token="tok-hidden", password="pw"
    )
    text = repr(config)
    assert "sk-hidden" not in text and "tok-hidden" not in text and "'pw'" not in text
    assert "AKVISIBLE" in text


def test_unknown_credential_source_is_refused():
    with pytest.raises(ValueError, match="unknown credential source"):
        ClientConfig(credential_sources=["config", "magic"])
    with pytest.raises(ValueError):
        ClientConfig(page_size=1001)


def test_otc_regions_need_no_hand_written_endpoints():
    """Issue 11 item 8: cloud = otc picks Open Telekom Cloud's public endpoints."""
    config = ClientConfig(cloud="otc", region="eu-nl")
    assert config.modelarts_url("eu-nl") == "https://modelarts.eu-nl.otc.t-systems.com"
    assert config.iam_url("eu-de") == "https://iam.eu-de.otc.t-systems.com"
    assert ClientConfig.from_env({"MODELARTS_CLOUD": "otc"}).cloud == "otc"
    assert ClientConfig(endpoint="modelarts.private.example").modelarts_url("x") == (
        "https://modelarts.private.example"
    )
    with pytest.raises(ValueError, match="unknown cloud"):
        ClientConfig(cloud="aws")


def test_inside_a_notebook_the_default_chain_leaves_the_metadata_service_out():
    assert "metadata service" not in ClientConfig().sources(in_notebook=True)
    assert "metadata service" in ClientConfig().sources(in_notebook=False)
    named = ClientConfig(credential_sources=["metadata service"])
    assert named.sources(in_notebook=True) == ("metadata service",)
